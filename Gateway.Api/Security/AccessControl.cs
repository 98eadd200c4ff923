using System.Security.Claims;

namespace PerfMonitor.Gateway.Security;

/// <summary>
/// Authenticates by <c>X-Api-Key</c> or the dashboard cookie and enforces the scope the path needs:
/// 401 problem+json for a missing or unknown key, 403 for a key without the scope.
/// </summary>
public sealed class AccessControl(RequestDelegate next, ApiKeyStore keys, TimeProvider clock)
{
    public const string ScopeClaim = "scope";

    public async Task InvokeAsync(HttpContext context)
    {
        var identity = Authenticate(context.Request);
        if (identity is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, identity.Name), new Claim(ScopeClaim, identity.Scopes.Describe())], "ApiKey"));
            context.Features.Set(identity);
        }

        // Never forward credentials to the services behind the gateway.
        context.Request.Headers.Remove(AccessOptions.HeaderName);

        var required = AccessPolicy.Required(context.Request);
        if (required is null || (identity is not null && identity.Scopes.Allows(required.Value)))
        {
            await next(context);
            return;
        }

        var (status, title, detail) = identity is null
            ? (StatusCodes.Status401Unauthorized, "API key required",
                context.Request.Headers.ContainsKey(AccessOptions.HeaderName) || context.Request.Cookies.ContainsKey(AccessOptions.CookieName)
                    ? $"The {AccessOptions.HeaderName} header or session does not match any configured key."
                    : $"Send an API key in the {AccessOptions.HeaderName} header, or sign in at /login?key=<api key>.")
            : (StatusCodes.Status403Forbidden, "Insufficient scope",
                $"The key '{identity.Name}' has scope '{identity.Scopes.Describe()}'; {context.Request.Method} {context.Request.Path} needs '{required.Value.Describe()}'.");
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{AccessOptions.HeaderName}\"";
        }
        await TypedResults.Problem(new()
        {
            Status = status,
            Title = title,
            Detail = detail,
            Extensions = { ["requiredScope"] = required.Value.Describe() },
        }).ExecuteAsync(context);
    }

    private ApiKeyIdentity? Authenticate(HttpRequest request)
    {
        if (request.Headers.TryGetValue(AccessOptions.HeaderName, out var header))
        {
            return keys.Find(header.ToString());
        }
        return request.Cookies.TryGetValue(AccessOptions.CookieName, out var cookie)
            ? keys.FindSession(cookie, clock.GetUtcNow())
            : null;
    }
}

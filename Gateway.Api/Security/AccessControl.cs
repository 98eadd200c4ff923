using System.Security.Claims;
using PerfMonitor.Gateway.Limits;
using PerfMonitor.Gateway.SignIn;

namespace PerfMonitor.Gateway.Security;

/// <summary>
/// Authenticates by <c>X-Api-Key</c> or the dashboard session and enforces what <see cref="AccessPolicy"/> says the request
/// needs: 401 for a missing or unknown key, 403 for a key without the scope or a cross-origin use of the session, 404
/// (gRPC: UNIMPLEMENTED) for a gRPC path that is no forwarded method, 429 while the client's address has failed too often.
/// What passes is forwarded with <see cref="CallerScopesHeader"/> set by the gateway and never with the caller's key.
/// </summary>
public sealed class AccessControl(RequestDelegate next, ApiKeyStore keys, SessionCookie session, FailedAuthentications failures, TimeProvider clock)
{
    public const string ScopeClaim = "scope";

    /// <summary>The caller's scopes (<see cref="Scopes.Effective"/>) for the services behind the gateway, e.g. <c>read</c> or <c>read,ingest,admin</c>.</summary>
    public const string CallerScopesHeader = "X-PerfMonitor-Scopes";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var key = request.Headers.TryGetValue(AccessOptions.HeaderName, out var header) ? header.ToString() : null;
        var cookie = key is null ? session.Read(request) : null;
        // Never forward credentials, nor a caller's own claim of its scopes, to the services behind the gateway.
        request.Headers.Remove(AccessOptions.HeaderName);
        request.Headers.Remove(CallerScopesHeader);

        var requirement = AccessPolicy.For(context);
        var presented = key is not null || cookie is not null;
        if (requirement is not null && presented && failures.Blocked(context) is { } wait)
        {
            await Refusal.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many failed authentications",
                $"This address presented too many wrong keys or sessions; retry in {Refusal.Seconds(wait)}s.", wait);
            return;
        }

        var identity = key is not null ? keys.Find(key) : cookie is not null ? keys.FindSession(cookie, clock.GetUtcNow()) : null;
        if (identity is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, identity.Name), new Claim(ScopeClaim, identity.Scopes.Describe())], "ApiKey"));
            context.Features.Set(identity);
        }
        if (requirement is null)
        {
            await next(context);
            return;
        }
        if (identity is null)
        {
            if (presented)
            {
                failures.Record(context);
            }
            context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{AccessOptions.HeaderName}\"";
            await Refuse(context, requirement, StatusCodes.Status401Unauthorized, "API key required", presented
                ? $"The {AccessOptions.HeaderName} header or session does not match any configured key."
                : $"Send an API key in the {AccessOptions.HeaderName} header, or sign in at /login.");
            return;
        }
        if (cookie is not null && SameOrigin.IsStateChanging(request.Method) && !SameOrigin.Holds(request))
        {
            await Refuse(context, requirement, StatusCodes.Status403Forbidden, "Cross-origin request", SameOrigin.Refused);
            return;
        }
        if (!identity.Scopes.Allows(requirement.Scope))
        {
            await Refuse(context, requirement, StatusCodes.Status403Forbidden, "Insufficient scope",
                $"The key '{identity.Name}' has scope '{identity.Scopes.Describe()}'; {request.Method} {request.Path} needs '{requirement.Scope.Describe()}'.");
            return;
        }
        if (!requirement.Exists)
        {
            await Refuse(context, requirement, StatusCodes.Status404NotFound, "No such method",
                $"{request.Path} is not a method of any service the gateway forwards (gRPC method names are case-sensitive).");
            return;
        }

        request.Headers[CallerScopesHeader] = identity.Scopes.Effective();
        await next(context);
    }

    private static Task Refuse(HttpContext context, AccessPolicy.Requirement requirement, int status, string title, string detail) =>
        Refusal.WriteAsync(context, status, title, detail, extensions: new Dictionary<string, object?> { ["requiredScope"] = requirement.Scope.Describe() });
}

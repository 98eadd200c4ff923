using System.Security.Claims;
using Microsoft.Extensions.Primitives;
using PerfMonitor.Gateway.Limits;
using PerfMonitor.Gateway.Security;
using PerfMonitor.Gateway.SignIn;

namespace PerfMonitor.Gateway.Access;

/// <summary>
/// Authenticates by the key the request presents (<see cref="PresentedKey"/>: <c>X-Api-Key</c>, <c>Authorization: Bearer</c> or
/// <c>Basic</c>) or by the dashboard session, and enforces what <see cref="AccessPolicy"/> says the request
/// needs: 401 for a missing or unknown key, 403 for a key without the scope or a cross-origin use of the session, 404
/// (gRPC: UNIMPLEMENTED) for a gRPC path that is no forwarded method, 429 while the client's address has failed too often.
/// What passes is forwarded with <see cref="CallerScopesHeader"/> set by the gateway and never with the caller's credentials.
/// </summary>
public sealed class AccessControl(RequestDelegate next, ApiKeyStore keys, SessionCookie session, FailedAuthentications failures, TimeProvider clock)
{
    public const string ScopeClaim = "scope";

    /// <summary>The caller's scopes (<see cref="Scopes.Effective"/>) for the services behind the gateway, e.g. <c>read</c> or <c>read,ingest,admin</c>.</summary>
    public const string CallerScopesHeader = "X-PerfMonitor-Scopes";

    /// <summary>
    /// The schemes a client may answer a 401 with. Not Basic, although it is accepted: browsers answer a Basic challenge
    /// with their own password prompt, over the dashboard's redirect to /login.
    /// </summary>
    public static readonly StringValues Challenges = new([$"ApiKey header=\"{AccessOptions.HeaderName}\"", $"{PresentedKey.BearerScheme} realm=\"PerfMonitor\""]);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var key = PresentedKey.Read(request);
        var cookie = key.Presented ? null : session.Read(request);
        // Never forward credentials, nor a caller's own claim of its scopes, to the services behind the gateway.
        request.Headers.Remove(AccessOptions.HeaderName);
        request.Headers.Authorization = default;
        request.Headers.Remove(CallerScopesHeader);

        var requirement = AccessPolicy.For(context);
        if (requirement is not null)
        {
            // What the limits and meters after this middleware read, without asking the policy again.
            context.Features.Set(requirement);
        }
        var presented = key.Presented || cookie is not null;
        if (requirement is not null && presented && failures.Blocked(context) is { } wait)
        {
            await Refusal.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many failed authentications",
                $"This address presented too many wrong keys or sessions; retry in {Refusal.Seconds(wait)}s.", wait);
            return;
        }

        var identity = key.Presented ? keys.Find(key.Key) : cookie is not null ? keys.FindSession(cookie, clock.GetUtcNow()) : null;
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
            context.Response.Headers.WWWAuthenticate = Challenges;
            await Refuse(context, requirement, StatusCodes.Status401Unauthorized, "API key required", key.Problem ?? (presented
                ? "The key or session presented does not match any configured key."
                : $"Send an API key in the {AccessOptions.HeaderName} header (or as Authorization: Bearer <key>), or sign in at /login."));
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

    private static Task Refuse(HttpContext context, AccessRequirement requirement, int status, string title, string detail) =>
        Refusal.WriteAsync(context, status, title, detail, extensions: new Dictionary<string, object?> { ["requiredScope"] = requirement.Scope.Describe() });
}

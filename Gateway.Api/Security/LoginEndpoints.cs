using Microsoft.Extensions.Options;

namespace PerfMonitor.Gateway.Security;

/// <summary>
/// Signs a browser in the way Aspire's dashboard does: <c>/login?key=...</c> checks the key, sets an HttpOnly,
/// SameSite=Strict session cookie signed with that key, and redirects to the dashboard.
/// </summary>
public static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (string? key, HttpContext context, ApiKeyStore keys, IOptions<AccessOptions> options, TimeProvider clock) =>
            SignIn(key, context, keys, options.Value, clock)).ExcludeFromDescription();
        app.MapPost("/login", (HttpContext context, ApiKeyStore keys, IOptions<AccessOptions> options, TimeProvider clock) =>
            SignIn(context.Request.Form["key"].ToString(), context, keys, options.Value, clock)).DisableAntiforgery().ExcludeFromDescription();
        app.MapGet("/logout", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(AccessOptions.CookieName);
            return Results.Redirect("/");
        }).ExcludeFromDescription();
        app.MapGet("/api/v1/me", (HttpContext context) => context.Features.Get<ApiKeyIdentity>() is { } identity
                ? Results.Ok(new { name = identity.Name, scopes = identity.Scopes.Describe().Split(", ") })
                : Results.Unauthorized())
            .WithTags("Access").WithSummary("Who the presented key or session is");
        return app;
    }

    private static IResult SignIn(string? key, HttpContext context, ApiKeyStore keys, AccessOptions options, TimeProvider clock)
    {
        if (keys.Find(key?.Trim()) is not { } identity)
        {
            return Results.Redirect("/?signin=failed");
        }
        var expires = clock.GetUtcNow().Add(options.SessionLifetime);
        context.Response.Cookies.Append(AccessOptions.CookieName, keys.IssueSession(identity, expires), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Expires = expires,
            Path = "/",
            IsEssential = true,
        });
        return Results.Redirect("/");
    }
}

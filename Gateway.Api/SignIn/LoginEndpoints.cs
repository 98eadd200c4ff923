using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.SignIn;

/// <summary>
/// Browser sign-in: <c>GET /login</c> is the login page (or, with <c>?t=</c>, the one-time sign-in link), <c>POST /login</c>
/// takes the key from the form, <c>POST /logout</c> ends the session. A key in the URL (<c>/login?key=</c>) signs nobody in.
/// </summary>
public static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext context, SignInFlow signIn) => context.Request.Query.TryGetValue("t", out var token)
                ? signIn.WithLink(context, token.ToString())
                : LoginPage.Show(message: context.Request.Query.ContainsKey("key") ? LoginPage.KeyInLink : null))
            .ExcludeFromDescription();
        app.MapPost("/login", async (HttpContext context, SignInFlow signIn) => SameOrigin.AllowsForm(context.Request)
                ? signIn.WithKey(context, (await context.Request.ReadFormAsync(context.RequestAborted))["key"].ToString())
                : LoginPage.Show(StatusCodes.Status403Forbidden, SameOrigin.Refused))
            .DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/logout", (HttpContext context, SessionCookie cookie) =>
            {
                if (!SameOrigin.AllowsForm(context.Request))
                {
                    return LoginPage.Show(StatusCodes.Status403Forbidden, SameOrigin.Refused);
                }
                cookie.Clear(context);
                return Results.Redirect("/login");
            })
            .DisableAntiforgery().ExcludeFromDescription();
        app.MapGet("/api/v1/me", (HttpContext context) => context.Features.Get<ApiKeyIdentity>() is { } identity
                ? Results.Ok(new { name = identity.Name, scopes = identity.Scopes.Describe().Split(", ") })
                : Results.Unauthorized())
            .WithMetadata(new RequiredScope(Scope.Read))
            .WithTags("Access").WithSummary("Who the presented key or session is");
        return app;
    }
}

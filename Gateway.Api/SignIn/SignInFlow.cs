using System.Globalization;
using Microsoft.Extensions.Options;
using PerfMonitor.Gateway.Limits;
using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.SignIn;

/// <summary>
/// Opens a dashboard session from a key posted by the login form or from the one-time sign-in link. Wrong keys and
/// refused links count as failed authentications of the client's address; past the limit the page answers 429.
/// </summary>
public sealed class SignInFlow(
    ApiKeyStore keys, SignInLink link, SessionCookie cookie, FailedAuthentications failures, IOptions<AccessOptions> options, TimeProvider clock)
{
    public IResult WithKey(HttpContext context, string? key)
    {
        if (failures.Blocked(context) is { } wait)
        {
            return TooManyFailures(context, wait);
        }
        if (keys.Find(key?.Trim()) is not { } identity)
        {
            failures.Record(context);
            return LoginPage.Show(StatusCodes.Status401Unauthorized, LoginPage.InvalidKey);
        }
        return Start(context, identity);
    }

    public IResult WithLink(HttpContext context, string? token)
    {
        if (failures.Blocked(context) is { } wait)
        {
            return TooManyFailures(context, wait);
        }
        if (!link.TryRedeem(token) || keys.FindByName(SignInLink.KeyName) is not { } admin)
        {
            failures.Record(context);
            return LoginPage.Show(StatusCodes.Status403Forbidden, LoginPage.LinkRefused);
        }
        return Start(context, admin);
    }

    private IResult Start(HttpContext context, ApiKeyIdentity identity)
    {
        var expires = clock.GetUtcNow().Add(options.Value.SessionLifetime);
        cookie.Issue(context, keys.IssueSession(identity, expires), expires);
        return Results.Redirect("/");
    }

    private static IResult TooManyFailures(HttpContext context, TimeSpan wait)
    {
        var seconds = Refusal.Seconds(wait);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return LoginPage.Show(StatusCodes.Status429TooManyRequests, $"Too many failed sign-ins from this address; try again in {seconds}s.");
    }
}

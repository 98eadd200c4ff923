namespace PerfMonitor.Gateway.SignIn;

/// <summary>
/// The dashboard's session cookie: HttpOnly, SameSite=Strict, path /. Outside Development it is always <c>Secure</c> and
/// named with the <c>__Host-</c> prefix, so the browser sends it only over HTTPS and nothing on another path or a sibling
/// domain can set or shadow it. In Development it keeps its plain name and is <c>Secure</c> only over HTTPS, so a local run
/// on plain http://localhost stays usable.
/// </summary>
public sealed class SessionCookie(IHostEnvironment environment)
{
    private const string BaseName = "perfmon_session";

    private bool AlwaysSecure { get; } = !environment.IsDevelopment();

    public string Name => AlwaysSecure ? "__Host-" + BaseName : BaseName;

    public string? Read(HttpRequest request) => request.Cookies.TryGetValue(Name, out var value) ? value : null;

    public void Issue(HttpContext context, string value, DateTimeOffset expires) =>
        context.Response.Cookies.Append(Name, value, Options(context, expires));

    public void Clear(HttpContext context) => context.Response.Cookies.Delete(Name, Options(context, expires: null));

    private CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = AlwaysSecure || context.Request.IsHttps,
        Expires = expires,
        Path = "/",
        IsEssential = true,
    };
}

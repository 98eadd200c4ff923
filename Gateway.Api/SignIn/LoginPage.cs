using System.Net;

namespace PerfMonitor.Gateway.SignIn;

/// <summary>
/// The sign-in page: a form that POSTs the key to /login, so the key never travels in a URL (URLs end up in browser
/// history, proxy logs and Referer headers). Rendered here because it carries the outcome of the last attempt.
/// </summary>
public static class LoginPage
{
    public const string InvalidKey = "That key is not valid.";

    public const string KeyInLink = "Keys are not accepted in links: paste the key below.";

    public const string LinkRefused = "This sign-in link is not valid or has already been used. Sign in with the API key instead " +
        "(a local run prints it and keeps it in .data/api-key).";

    public static IResult Show(int status = StatusCodes.Status200OK, string? message = null) =>
        Results.Content(Html(message), "text/html; charset=utf-8", statusCode: status);

    private static string Html(string? message) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Sign in · PerfMonitor</title>
          <link rel="icon" href="/favicon.svg" type="image/svg+xml">
          <link rel="stylesheet" href="/css/app.css">
        </head>
        <body>
          <main>
            <section id="signin" class="view signin">
              <div class="card signin-card">
                <h1>Sign in</h1>
                <p class="muted">Paste an API key. A local <code>dotnet run --project AppHost</code> prints a one-time link that signs you in.</p>
                <form method="post" action="/login" class="form">
                  <label>API key <input name="key" type="password" autocomplete="off" required placeholder="pm_…"></label>
                  {{(message is null ? "" : $"<p id=\"signin-error\" class=\"error\">{WebUtility.HtmlEncode(message)}</p>")}}
                  <button class="primary" type="submit">Sign in</button>
                </form>
              </div>
            </section>
          </main>
        </body>
        </html>
        """;
}

using System.Text;
using Microsoft.Net.Http.Headers;

namespace PerfMonitor.Gateway.Security;

/// <summary>
/// The API key a request presents: in <c>X-Api-Key</c>, or as the standard credentials of tools that can send nothing
/// else (Prometheus's <c>authorization:</c> and <c>basic_auth:</c>, Grafana's data sources, promtool):
/// <c>Authorization: Bearer &lt;key&gt;</c>, or <c>Basic</c> with the key as the password and any user name. gRPC
/// metadata arrives as the same headers. Two different keys in one request, or an Authorization header in neither
/// form (or an empty key), present no key: the request is refused and counts as a failed authentication.
/// </summary>
/// <param name="Key">The one key presented; null when none was, or when what was presented is refused.</param>
/// <param name="Presented">Whether the request carried a key header at all.</param>
/// <param name="Problem">Why what was presented is refused before any key is compared; null when it is not.</param>
public sealed record PresentedKey(string? Key, bool Presented, string? Problem)
{
    public const string BearerScheme = "Bearer";
    public const string BasicScheme = "Basic";

    public const string Conflicting = $"The request carries more than one key ({AccessOptions.HeaderName}, Authorization); send one.";

    public const string Unreadable = $"No key could be read: send {AccessOptions.HeaderName}: <key>, Authorization: {BearerScheme} <key>, " +
        $"or Authorization: {BasicScheme} with the key as the password.";

    private static readonly PresentedKey None = new(null, false, null);

    public static PresentedKey Read(HttpRequest request)
    {
        var headers = request.Headers;
        var candidates = headers[AccessOptions.HeaderName].Select(value => (string?)value?.Trim())
            .Concat(headers[HeaderNames.Authorization].Select(FromAuthorization))
            .ToList();
        if (candidates.Count == 0)
        {
            return None;
        }
        if (candidates.Any(string.IsNullOrEmpty))
        {
            return new(null, true, Unreadable);
        }
        return candidates.Distinct(StringComparer.Ordinal).Count() == 1 ? new(candidates[0], true, null) : new(null, true, Conflicting);
    }

    /// <summary>The key in one Authorization value; null when the value is in neither accepted form.</summary>
    private static string? FromAuthorization(string? value)
    {
        var (scheme, parameter) = Split(value);
        if (scheme.Equals(BearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            return parameter;
        }
        if (!scheme.Equals(BasicScheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var decoded = new byte[parameter.Length];
        if (!Convert.TryFromBase64String(parameter, decoded, out var length))
        {
            return null;
        }
        // user-id ":" password (RFC 7617); the user name is free, the password is the key.
        var credentials = Encoding.UTF8.GetString(decoded, 0, length);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : credentials[(colon + 1)..];
    }

    private static (string Scheme, string Parameter) Split(string? value)
    {
        var text = (value ?? "").Trim();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (text, "") : (text[..space], text[(space + 1)..].Trim());
    }
}

using System.Text.Json.Serialization;

namespace PerfMonitor.Alerting.Receivers;

/// <summary>An e-mail receiver's non-secret settings: recipients, sender, the SMTP server (host:port) and its login.</summary>
public sealed record EmailSettings(IReadOnlyList<string> To, string From, string Smarthost, string? Username, bool RequireTls)
{
    [JsonIgnore]
    public string Host => Smarthost[..Smarthost.LastIndexOf(':')].Trim('[', ']');

    [JsonIgnore]
    public int Port => int.Parse(Smarthost[(Smarthost.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}

namespace PerfMonitor.Alerting.Receivers;

/// <summary>An e-mail receiver's non-secret settings: recipients, sender, the SMTP server (host:port) and its login.</summary>
public sealed record EmailSettings(IReadOnlyList<string> To, string From, string Smarthost, string? Username, bool RequireTls)
{
    public string Host => Smarthost[..Smarthost.LastIndexOf(':')].Trim('[', ']');

    public int Port => int.Parse(Smarthost[(Smarthost.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}

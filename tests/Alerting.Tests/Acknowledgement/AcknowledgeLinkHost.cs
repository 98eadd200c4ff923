using System.Text.RegularExpressions;
using PerfMonitor.Alerting.Tests.Routing;

namespace PerfMonitor.Alerting.Tests.Acknowledgement;

/// <summary>A routing host whose notifications carry acknowledge links: Alerting:Acknowledge:PublicBaseUrl is set.</summary>
public sealed partial class AcknowledgeLinkHost : RoutingHost
{
    public const string PublicBaseUrl = "https://perfmon.example.com";

    /// <summary>Every acknowledge link to <see cref="PublicBaseUrl"/> in a text (a payload as sent, a JSON string, an e-mail part).</summary>
    public static IEnumerable<string> LinksIn(string text) => LinkPattern().Matches(text).Select(m => m.Value);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Alerting:Acknowledge:PublicBaseUrl"] = PublicBaseUrl;
    }

    [GeneratedRegex(@"https://perfmon\.example\.com/ack/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}

using PerfMonitor.Alerting.Inhibition;
using PerfMonitor.Alerting.Routing;

namespace PerfMonitor.Alerting.Tests.Routing;

/// <summary>Alertmanager's inhibition: source and target matchers, equal labels, and no alert inhibiting itself.</summary>
public sealed class InhibitorTests
{
    private static readonly InhibitRule ServiceDown = new(
        [MatcherText.Parse("alertname=\"ServiceDown\"").Matcher!],
        [MatcherText.Parse("severity=~\"warning|critical\"").Matcher!],
        ["service"]);

    [Fact]
    public void A_firing_source_mutes_targets_of_the_same_service_only()
    {
        var firing = new List<InhibitionMarks.Candidate>
        {
            Candidate("down", "ServiceDown", "cart", "critical"),
            Candidate("slow-cart", "HighLatency", "cart", "warning"),
            Candidate("slow-shop", "HighLatency", "shop", "warning"),
        };

        var marks = InhibitionMarks.Compute([ServiceDown], firing);

        Assert.Equal("ServiceDown (down)", marks["slow-cart"]);
        Assert.Null(marks["slow-shop"]);
        Assert.Null(marks["down"]);
    }

    [Fact]
    public void A_source_that_no_longer_fires_mutes_nothing_and_a_mark_is_cleared()
    {
        var alerts = new List<InhibitionMarks.Candidate>
        {
            Candidate("down", "ServiceDown", "cart", "critical") with { Firing = false },
            Candidate("slow-cart", "HighLatency", "cart", "warning") with { Stored = "ServiceDown (down)" },
        };

        var marks = InhibitionMarks.Compute([ServiceDown], alerts);

        Assert.Null(marks["slow-cart"]);
        Assert.Single(InhibitionMarks.Updates(alerts, marks));
    }

    private static InhibitionMarks.Candidate Candidate(string fingerprint, string alertname, string service, string severity) =>
        new(fingerprint, alertname, new Dictionary<string, string> { ["alertname"] = alertname, ["service"] = service, ["severity"] = severity }, true, null, Guid.Empty, 1);
}

using System.Text.Json.Nodes;
using PerfMonitor.Alerting.Reports;

namespace PerfMonitor.Alerting.Tests.Reports;

/// <summary>Values from data (label values above all) cannot inject markup into the HTML page or the Slack blocks.</summary>
public sealed class ReportRenderingTests
{
    private const string Hostile = "<script>alert(\"x\")</script> & <@U123>";

    private static readonly Report Report = new(
        ReportKind.Daily, new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 5, 6, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 12, 5, 6, 0, 1, TimeSpan.Zero),
        [new ServiceHealthLine(Hostile, 50, "fair", null)],
        [new AlertLine(Hostile, "critical", 1, 1, 90, 90)],
        [],
        [new RouteLine("shop", Hostile, "GET", 250, 200, 25)],
        [],
        new Dictionary<string, string> { ["anomalies"] = "analytics did not answer: <Unavailable>" });

    [Fact]
    public void The_html_page_encodes_label_values()
    {
        var html = ReportHtml.Render(Report);

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<Unavailable>", html);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;@U123&gt;", html);
        Assert.Contains("<td style=\"padding:2px 8px\">+25%</td>", html);
        Assert.Contains("<td style=\"padding:2px 8px\">1.5m</td>", html);
    }

    [Fact]
    public void The_slack_blocks_escape_slacks_control_characters()
    {
        var blocks = ReportSlack.Render(Report)["blocks"]!.AsArray();

        var texts = blocks.Skip(1).Select(b => b!["text"]!["text"]!.GetValue<string>()).ToList();
        Assert.Equal("header", blocks[0]!["type"]!.GetValue<string>());
        Assert.All(texts, t => Assert.DoesNotContain("<@U123>", t));
        Assert.Contains(texts, t => t.Contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; &lt;@U123&gt;", StringComparison.Ordinal));
        Assert.All(blocks.Skip(1), b => Assert.Equal("mrkdwn", b!["text"]!["type"]!.GetValue<string>()));
    }
}

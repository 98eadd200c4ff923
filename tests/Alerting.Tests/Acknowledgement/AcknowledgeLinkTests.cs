using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Acknowledgement;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Acknowledgement;

/// <summary>
/// The signed link in notifications: opening it shows a confirmation page and acknowledges nothing (mail scanners and link
/// previews open links); its form's POST acknowledges; a changed or expired token gets a page that says so. The link
/// each receiver kind's default notification carries, taken from the request the receiver got, acknowledges its alert.
/// </summary>
public sealed class AcknowledgeLinkTests(AcknowledgeLinkHost host) : IClassFixture<AcknowledgeLinkHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, string> rules = [];

    [Fact(Timeout = 90_000)]
    public async Task Opening_the_link_only_asks_and_posting_its_form_acknowledges()
    {
        var (id, firedAt) = await FiringAsync("AckLink", "ack_link_probe");
        var link = host.App.Services.GetRequiredService<AcknowledgeLinks>().For(id, firedAt);
        Assert.NotNull(link);
        Assert.StartsWith(AcknowledgeLinkHost.PublicBaseUrl + "/ack/", link, StringComparison.Ordinal);
        var path = new Uri(link).AbsolutePath;

        var page = await host.Client.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        var afterGet = await FiringAlerts.GetAsync(host, RuleOf(id));
        var posted = await host.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["by"] = "dave", ["comment"] = "from the e-mail" }));
        var done = await posted.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<form method=\"post\">", html, StringComparison.Ordinal);
        Assert.Contains("AckLink", html, StringComparison.Ordinal);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, afterGet.GetProperty("acknowledgedBy").ValueKind);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Acknowledged by dave (signed link)", done, StringComparison.Ordinal);
        var view = await FiringAlerts.GetAsync(host, RuleOf(id));
        Assert.Equal("dave (signed link)", view.GetProperty("acknowledgedBy").GetString());
        Assert.Equal("from the e-mail", view.GetProperty("acknowledgeComment").GetString());
    }

    [Fact(Timeout = 90_000)]
    public async Task A_changed_or_expired_link_is_refused_with_a_page_that_says_why()
    {
        var (id, firedAt) = await FiringAsync("AckLinkRefused", "ack_link_refused_probe");
        var links = host.App.Services.GetRequiredService<AcknowledgeLinks>();
        var token = links.Token(id, firedAt);
        var changed = token[..^4] + (token[^4] == 'A' ? 'B' : 'A') + token[^3..];
        var issuedLongAgo = new AcknowledgeLinks(
            host.App.Services.GetRequiredService<IDataProtectionProvider>(),
            Options.Create(new AcknowledgeOptions { LinkLifetime = TimeSpan.FromHours(1) }),
            new FixedClock(DateTimeOffset.UtcNow.AddHours(-2)));
        var expired = issuedLongAgo.Token(id, firedAt);

        var tampered = await host.Client.GetAsync($"/ack/{changed}");
        var tamperedPost = await host.Client.PostAsync($"/ack/{changed}", new FormUrlEncodedContent(new Dictionary<string, string> { ["by"] = "eve" }));
        var old = await host.Client.PostAsync($"/ack/{expired}", new FormUrlEncodedContent(new Dictionary<string, string> { ["by"] = "eve" }));

        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Contains("not valid", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tamperedPost.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        Assert.Contains("expired", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await FiringAlerts.GetAsync(host, RuleOf(id))).GetProperty("acknowledgedBy").ValueKind);
    }

    [Theory(Timeout = 90_000)]
    [InlineData("webhook")]
    [InlineData("slack")]
    [InlineData("msteams")]
    [InlineData("pagerduty")]
    public async Task The_link_in_a_receivers_default_notification_acknowledges_the_alert_it_was_sent_for(string kind)
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var sink = await TestReceiver.StartAsync();
        var name = $"{kind}-{Guid.NewGuid():N}"[..16];
        await host.CreateReceiverAsync(kind switch
        {
            "webhook" => new { name, kind, url = receiver.Url },
            "pagerduty" => (object)new { name, kind, url = receiver.Url, secret = "R0UTINGKEY0123456789abcdefABCDEF" },
            _ => new { name, kind, secret = receiver.Url },
        });
        var test = Guid.NewGuid().ToString("N");
        await host.PutRoutingYamlAsync($"""
            route:
              receiver: {await host.WebhookReceiverAsync(sink)}
              routes:
              - matchers: ['test="{test}"']
                receiver: {name}
            """);
        var labels = new Dictionary<string, string> { ["test"] = test };
        var ruleId = await host.RoutedRuleAsync($"AckLink {kind}", "ack_link_kind_probe", labels, "critical");
        await host.ProduceAsync("ack_link_kind_probe", labels, 97);
        var sent = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Count >= 1, Patience, $"the {kind} notification");

        var link = Assert.Single(AcknowledgeLinkHost.LinksIn(sent[0].Body).Distinct());
        var path = new Uri(link).AbsolutePath;
        var page = await host.Client.GetAsync(path);
        var posted = await host.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["by"] = "erin" }));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"AckLink {kind}", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var view = await FiringAlerts.GetAsync(host, ruleId);
        Assert.Equal("erin (signed link)", view.GetProperty("acknowledgedBy").GetString());
    }

    private string RuleOf(string alertId) => rules[alertId];

    private async Task<(string Id, DateTimeOffset FiredAt)> FiringAsync(string name, string metric)
    {
        var labels = new Dictionary<string, string> { ["test"] = Guid.NewGuid().ToString("N") };
        var ruleId = await host.RoutedRuleAsync(name, metric, labels, "critical");
        await host.ProduceAsync(metric, labels, 97);
        var alert = await FiringAlerts.WaitAsync(host, ruleId);
        var id = alert.GetProperty("id").GetString()!;
        rules[id] = ruleId;
        return (id, alert.GetProperty("firedAt").GetDateTimeOffset());
    }

    /// <summary>A clock standing still at one time: a link made then.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

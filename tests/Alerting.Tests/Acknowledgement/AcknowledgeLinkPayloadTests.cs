using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Acknowledgement;
using PerfMonitor.Alerting.Grouping;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Receivers;
using PerfMonitor.Alerting.Receivers.Templates;
using static PerfMonitor.Alerting.Tests.Receivers.TemplatedNotices;

namespace PerfMonitor.Alerting.Tests.Acknowledgement;

/// <summary>
/// The signed acknowledge link in each receiver kind's default wording: one per firing alert, where that kind shows links,
/// none for a resolved alert, and nothing at all when Alerting:Acknowledge:PublicBaseUrl is not set.
/// </summary>
public sealed class AcknowledgeLinkPayloadTests
{
    private const string PublicBaseUrl = AcknowledgeLinkHost.PublicBaseUrl;
    private readonly IDataProtectionProvider keys = new EphemeralDataProtectionProvider();

    [Theory]
    [InlineData(ReceiverKind.Webhook)]
    [InlineData(ReceiverKind.Slack)]
    [InlineData(ReceiverKind.MsTeams)]
    [InlineData(ReceiverKind.PagerDuty)]
    [InlineData(ReceiverKind.Email)]
    public void A_firing_alert_carries_its_acknowledge_link_in_the_default_rendering(ReceiverKind kind)
    {
        var links = Links(PublicBaseUrl);
        var receiver = TemplatedReceiver(kind) with { Templates = null };
        var notice = Notice(1, 1);

        var body = JsonNode.Parse(new GroupPayloads(Options.Create(new PayloadOptions()), null, links).Render(notice, receiver).Body)!;

        var link = Assert.Single(AcknowledgeLinkHost.LinksIn(body.ToJsonString()).Distinct());
        Assert.Contains(link, Where(kind, body), StringComparison.Ordinal);
        var reading = links.Read(link[(PublicBaseUrl + AcknowledgeLinks.PathPrefix).Length..]);
        Assert.Equal(LinkProblem.None, reading.Problem);
        Assert.Equal(notice.Firing[0].Fingerprint, reading.AlertId);
        Assert.Equal(notice.Firing[0].StartsAt, reading.FiredAt);
    }

    [Theory]
    [InlineData(ReceiverKind.Webhook)]
    [InlineData(ReceiverKind.Slack)]
    [InlineData(ReceiverKind.MsTeams)]
    [InlineData(ReceiverKind.PagerDuty)]
    [InlineData(ReceiverKind.Email)]
    [InlineData(ReceiverKind.Alertmanager)]
    public void Without_a_public_base_url_no_rendering_carries_a_link(ReceiverKind kind)
    {
        var receiver = TemplatedReceiver(kind) with { Templates = null };
        var notice = Notice(2, 1);

        var sent = new GroupPayloads(Options.Create(new PayloadOptions()), null, Links(null)).Render(notice, receiver);

        Assert.Equal(new GroupPayloads(Options.Create(new PayloadOptions())).Render(notice, receiver).Body, sent.Body);
        Assert.DoesNotContain(AcknowledgeLinks.PathPrefix, sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alertmanager_receiver_gets_no_link_it_would_not_show()
    {
        var receiver = new Receiver("am", ReceiverKind.Alertmanager, "http://127.0.0.1:9093", null, null, true);

        var sent = new GroupPayloads(Options.Create(new PayloadOptions()), null, Links(PublicBaseUrl)).Render(Notice(2, 0), receiver);

        Assert.Empty(AcknowledgeLinkHost.LinksIn(sent.Body));
    }

    [Fact]
    public void A_receivers_template_reads_each_firing_alerts_link_as_ack_url()
    {
        var links = Links(PublicBaseUrl);
        var templateOptions = Options.Create(new NotificationTemplateOptions());
        var templated = new TemplatedPayloads(new TemplateEngine(templateOptions), templateOptions, TimeProvider.System, NullLogger<TemplatedPayloads>.Instance);
        var receiver = TemplatedReceiver(ReceiverKind.Slack, title: null, body: "{% for alert in alerts %}{{ alert.status }}:[{{ alert.ack_url }}] {% endfor %}");

        var body = JsonNode.Parse(new GroupPayloads(Options.Create(new PayloadOptions()), templated, links).Render(Notice(1, 1), receiver).Body)!;

        var section = (string)body["blocks"]![1]!["text"]!["text"]!;
        Assert.Matches($"^firing:\\[{Regex.Escape(PublicBaseUrl)}/ack/[A-Za-z0-9_-]+\\] resolved:\\[\\] $", section);
    }

    private AcknowledgeLinks Links(string? publicBaseUrl) =>
        new(keys, Options.Create(new AcknowledgeOptions { PublicBaseUrl = publicBaseUrl }), TimeProvider.System);

    /// <summary>Where each kind shows a firing alert's link: the annotations, the alert's section or line, PagerDuty's links, both e-mail parts.</summary>
    private static string Where(ReceiverKind kind, JsonNode body) => kind switch
    {
        ReceiverKind.Webhook => (string)body["alerts"]![0]!["annotations"]![AlertmanagerGroupPayload.AcknowledgeAnnotation]!,
        ReceiverKind.Slack => (string)body["blocks"]![1]!["text"]!["text"]!,
        ReceiverKind.MsTeams => (string)body["attachments"]![0]!["content"]!["body"]![1]!["text"]!,
        ReceiverKind.PagerDuty => (string)Assert.Single(body["links"]!.AsArray())!["href"]!,
        _ => Both((string)body["text"]!, (string)body["html"]!),
    };

    /// <summary>An e-mail's text and HTML parts must both hold the link: what the assertion looks in is what they share.</summary>
    private static string Both(string text, string html)
    {
        var inText = Assert.Single(AcknowledgeLinkHost.LinksIn(text));
        Assert.Contains($"href=\"{inText}\"", html, StringComparison.Ordinal);
        return inText;
    }
}

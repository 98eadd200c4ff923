using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Grouping;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Receivers;
using PerfMonitor.Alerting.Receivers.Templates;
using static PerfMonitor.Alerting.Tests.Receivers.TemplatedNotices;

namespace PerfMonitor.Alerting.Tests.Receivers;

/// <summary>Receivers' title and body templates on every kind that takes them, escaped where they land, bounded when they run away.</summary>
public sealed class ReceiverTemplateTests
{
    private const string ExpectedTitle = "FIRING: HighLatency on checkout (2)";

    [Theory]
    [InlineData(ReceiverKind.Webhook)]
    [InlineData(ReceiverKind.Slack)]
    [InlineData(ReceiverKind.MsTeams)]
    [InlineData(ReceiverKind.PagerDuty)]
    [InlineData(ReceiverKind.Email)]
    public void A_receivers_templates_word_its_notification(ReceiverKind kind)
    {
        var receiver = TemplatedReceiver(kind);

        var sent = ReceiverRequests.Prepare(Payloads().Render(Notice(2, 0), receiver), receiver);

        var (title, body) = TitleAndBody(kind, JsonNode.Parse(sent.Body)!);
        Assert.Equal(ExpectedTitle, title);
        Assert.Contains("firing pod-0 value=500 runbook=https://runbooks.example/latency explore=http://localhost:5100/#/explorer?metric=latency_ms&labels=instance%3Apod-0%2Cservice%3Acheckout&from=2026-12-01T07%3A30%3A00Z", body, StringComparison.Ordinal);
        Assert.Contains("firing pod-1 value=501", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReceiverKind.Webhook)]
    [InlineData(ReceiverKind.Slack)]
    [InlineData(ReceiverKind.MsTeams)]
    [InlineData(ReceiverKind.PagerDuty)]
    [InlineData(ReceiverKind.Email)]
    public void A_hostile_label_value_stays_one_string_in_the_json_payload(ReceiverKind kind)
    {
        var receiver = TemplatedReceiver(kind, title: "{{ alerts[0].labels.instance }}", body: "{{ alerts[0].labels.instance }}");
        var untemplated = Payloads().Render(Notice(1, 0, Hostile), receiver with { Templates = null });

        var sent = Payloads().Render(Notice(1, 0, Hostile), receiver);

        var parsed = JsonNode.Parse(sent.Body)!;
        var defaults = JsonNode.Parse(untemplated.Body)!;
        string[] added = kind switch
        {
            ReceiverKind.Webhook => ["$.title", "$.message"],
            ReceiverKind.PagerDuty => ["$.payload.custom_details.message"],
            _ => [],
        };
        Assert.Equal(Names(defaults).Concat(added).Order(), Names(parsed).Order());
        var (title, body) = TitleAndBody(kind, parsed);
        Assert.Equal(kind == ReceiverKind.Email ? Hostile.Replace("\r\n", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal) : Hostile.Trim(), title);
        Assert.Contains(Hostile, body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_label_value_is_html_encoded_in_an_emails_html_body_and_keeps_the_subject_one_line()
    {
        var receiver = TemplatedReceiver(ReceiverKind.Email, title: "{{ alerts[0].labels.instance }}", body: "<p>Instance: {{ alerts[0].labels.instance }}</p>");

        var message = JsonNode.Parse(Payloads().Render(Notice(1, 0, Hostile), receiver).Body)!;

        var html = (string)message["html"]!;
        Assert.Contains("<p>Instance: &quot;},&quot;injected&quot;:true,{&quot;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;&amp;amp;", html, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', (string)message["subject"]!);
        Assert.DoesNotContain('\r', (string)message["subject"]!);
        Assert.Contains(Hostile, (string)message["text"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% for i in (1..1000000) %}{% endfor %}done", 10_000, 30_000)]
    [InlineData("{% for i in (1..1000) %}xxxxxxxxxx{% endfor %}", 1_000_000, 30_000)]
    [InlineData("{% for i in (1..1000000) %}{% for j in (1..100) %}{% endfor %}{% endfor %}", 10_000_000, 10)]
    public void A_runaway_template_is_stopped_and_the_default_wording_is_sent(string runaway, int maxSteps, int timeoutMs)
    {
        var receiver = TemplatedReceiver(ReceiverKind.Slack, title: runaway, body: null);
        var options = new NotificationTemplateOptions { MaxSteps = maxSteps, MaxOutputChars = 4_096, RenderTimeout = TimeSpan.FromMilliseconds(timeoutMs) };

        var sent = JsonNode.Parse(Payloads(options).Render(Notice(1, 0), receiver).Body)!;

        Assert.Equal(ChatGroupPayload.Title(Notice(1, 0)), (string)sent["text"]!);
        Assert.NotNull(new TemplateEngine(Options.Create(options)).Render(runaway, new Dictionary<string, object>(), Fluid.NullEncoder.Default).Error);
    }

    [Fact]
    public void A_template_with_a_syntax_error_is_named_by_fluids_message()
    {
        var engine = new TemplateEngine(Options.Create(new NotificationTemplateOptions()));

        Assert.Null(engine.Check(Title));
        Assert.Null(engine.Check(Body));
        Assert.NotNull(engine.Check("{% for alert in alerts %}{{ alert.summary }}"));
        Assert.NotNull(engine.Check("{{ alert.summary "));
    }

    [Fact]
    public void A_template_reads_no_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"perfmon-template-{Guid.NewGuid():N}.liquid");
        File.WriteAllText(file, "file content");
        try
        {
            var engine = new TemplateEngine(Options.Create(new NotificationTemplateOptions()));

            var output = engine.Render($"{{% include '{file}' %}}|{{% render '{file}' %}}", new Dictionary<string, object>(), Fluid.NullEncoder.Default);

            Assert.DoesNotContain("file content", output.Text ?? "", StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_receiver_without_templates_renders_its_kinds_default()
    {
        var receiver = TemplatedReceiver(ReceiverKind.Slack) with { Templates = null };

        var templated = Payloads().Render(Notice(2, 1), receiver);
        var plain = new GroupPayloads(Options.Create(new PayloadOptions())).Render(Notice(2, 1), receiver);

        Assert.Equal(Strip(plain.Body), Strip(templated.Body));
    }

    /// <summary>Fingerprints hold nothing random, but rule ids do: compare without them.</summary>
    private static string Strip(string body) => System.Text.RegularExpressions.Regex.Replace(body, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "");

    /// <summary>Where each kind carries the title and the body.</summary>
    private static (string Title, string Body) TitleAndBody(ReceiverKind kind, JsonNode sent) => kind switch
    {
        ReceiverKind.Slack => ((string)sent["blocks"]![0]!["text"]!["text"]!, (string)sent["blocks"]![1]!["text"]!["text"]!),
        ReceiverKind.MsTeams => ((string)sent["attachments"]![0]!["content"]!["body"]![0]!["text"]!, (string)sent["attachments"]![0]!["content"]!["body"]![1]!["text"]!),
        ReceiverKind.PagerDuty => ((string)sent["payload"]!["summary"]!, (string)sent["payload"]!["custom_details"]!["message"]!),
        ReceiverKind.Email => ((string)sent["subject"]!, (string)sent["text"]!),
        _ => ((string)sent["title"]!, (string)sent["message"]!),
    };

    /// <summary>Every property path of a JSON document: a value that broke out of its string would add one.</summary>
    private static IEnumerable<string> Names(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Names(p.Value).Prepend($"{o.GetPath()}.{p.Key}")),
        JsonArray a => a.SelectMany(Names),
        _ => [],
    };
}

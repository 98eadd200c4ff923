using PerfMonitor.Alerting.Tests.Routing;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Receivers;

/// <summary>
/// The templated receiver and the annotated rule of docs/alerting.md, sent as written (only the SMTP server is this
/// test's): a routed alert arrives at a real SMTP server worded by the templates, with the rule's annotations, its value
/// and the explorer link.
/// </summary>
[Trait("Category", "System")]
public sealed class TemplatedEmailTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    [Fact(Timeout = 120_000)]
    public async Task The_documented_templates_word_a_routed_alerts_email()
    {
        await using var smtp = await SmtpProcess.StartAsync();
        await using var sink = await TestReceiver.StartAsync();
        var test = Guid.NewGuid().ToString("N")[..12];
        var receiver = DocExamples.Json("templated-receiver");
        receiver["email"]!["smarthost"] = $"127.0.0.1:{smtp.Port}";
        var rule = DocExamples.Json("annotated-rule");
        rule["labels"]!["test"] = test;
        await host.CreateReceiverAsync(receiver);
        await host.PutRoutingYamlAsync($"""
            route:
              receiver: {await host.WebhookReceiverAsync(sink)}
              routes:
              - matchers: ['test="{test}"']
                receiver: {(string)receiver["name"]!}
                group_by: [alertname]
            """);
        await host.CreateRuleAsync(rule);

        await host.ProduceAsync("checkout_latency_ms", new Dictionary<string, string> { ["service"] = "checkout", ["test"] = test, ["instance"] = "pod-1" }, 97);

        var message = await Eventually.GetAsync(
            () => Task.FromResult(SmtpMessages.Read(smtp.Printed).FirstOrDefault(m => m.Subject?.Contains("CheckoutLatency", StringComparison.Ordinal) == true)), m => m is not null, TimeSpan.FromSeconds(60), "the templated e-mail");
        Assert.Equal("FIRING: CheckoutLatency on checkout", message!.Subject);
        Assert.Contains("FIRING Checkout latency is 97 ms", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Runbook: https://runbooks.example.com/checkout-latency", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Explorer: http://localhost:5100/#/explorer?metric=checkout_latency_ms&labels=instance%3Apod-1%2Cservice%3Acheckout%2Ctest%3A{test}&from=", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Runbook: https://runbooks.example.com/checkout-latency", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&amp;labels=instance%3Apod-1", message.HtmlBody, StringComparison.Ordinal);
    }
}

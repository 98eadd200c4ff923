using PerfMonitor.Alerting.Tests.Routing;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Receivers;

/// <summary>An e-mail receiver delivers a routed group to a real SMTP server (Debian's aiosmtpd).</summary>
[Trait("Category", "System")]
public sealed class EmailReceiverTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    [Fact(Timeout = 120_000)]
    public async Task A_routed_alert_arrives_as_an_email_at_a_real_smtp_server()
    {
        await using var smtp = await SmtpProcess.StartAsync();
        await using var sink = await TestReceiver.StartAsync();
        var test = Guid.NewGuid().ToString("N");
        var name = $"mail-{test}"[..16];
        await host.CreateReceiverAsync(new
        {
            name,
            kind = "email",
            email = new { to = new[] { "oncall@example.com" }, from = "perfmon@example.com", smarthost = $"127.0.0.1:{smtp.Port}" },
        });
        await host.PutRoutingYamlAsync($"""
            route:
              receiver: {await host.WebhookReceiverAsync(sink)}
              routes:
              - matchers: ['test="{test}"']
                receiver: {name}
                group_by: [alertname]
            """);
        await host.RoutedRuleAsync("MailProbe", "mail_probe", new() { ["test"] = test }, "critical");

        await host.ProduceAsync("mail_probe", new Dictionary<string, string> { ["test"] = test }, 97);

        await Eventually.GetAsync(() => Task.FromResult(smtp.Printed), text => text.Contains("END MESSAGE", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the e-mail at the SMTP server");
        var printed = smtp.Printed;
        Assert.Contains("Subject: [FIRING:1] MailProbe", printed, StringComparison.Ordinal);
        Assert.Contains("To: oncall@example.com", printed, StringComparison.Ordinal);
        Assert.Contains("X-PerfMonitor-Event: firing", printed, StringComparison.Ordinal);
    }
}

using PerfMonitor.Alerting.Expressions;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>An expr rule is evaluated by one alerting replica at a time, and by another once that one is gone.</summary>
[Trait("Category", "System")]
[LongRunning]
public sealed class ExprRuleOwnershipTests(ExprRuleOwnershipTests.Host host) : IClassFixture<ExprRuleOwnershipTests.Host>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Two replicas, each asking Debian's Prometheus through its own counting relay (evaluation every second).</summary>
    public sealed class Host : PrometheusQueryHost
    {
        public CountingRelay First { get; private set; } = null!;

        public CountingRelay Second { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            First = await CountingRelay.StartAsync(() => PrometheusUrl);
            Second = await CountingRelay.StartAsync(() => PrometheusUrl);
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await First.DisposeAsync();
            await Second.DisposeAsync();
        }

        protected override void Configure(Dictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings[$"services:{AnalyticsQueries.ServiceName}:http:0"] = First.Url;
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task Two_replicas_evaluate_an_expr_rule_once_and_the_survivor_takes_it_over_when_its_evaluator_dies()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var expr = $"label_replace(vector(3), \"queue\", \"{Guid.NewGuid():N}\", \"\", \"\") > 1";
        await host.CreateRuleAsync(new { name = "queue backlog", kind = "expr", expr, @for = "0s", severity = "warning", webhookUrl = receiver.Url });
        await Eventually.GetAsync(() => Task.FromResult(host.First.Count(expr)), c => c > 0, Patience, "the first replica evaluating the rule");
        await using var second = await host.StartReplicaAsync(s => s[$"services:{AnalyticsQueries.ServiceName}:http:0"] = host.Second.Url);

        // Several evaluation rounds (one a second) with both replicas up.
        var firstBefore = host.First.Count(expr);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var bothUp = (First: host.First.Count(expr) - firstBefore, Second: host.Second.Count(expr));
        var notifiedWhileBothUp = receiver.Accepted.Count;

        // The evaluating replica dies; the survivor takes the rule over within a few rounds.
        var takenOver = 0;
        await host.RestartAsync(async () =>
            takenOver = await Eventually.GetAsync(() => Task.FromResult(host.Second.Count(expr)), c => c > 0, Patience, "the second replica taking the rule over"));
        var secondBefore = host.Second.Count(expr);
        var firstAfterRestart = host.First.Count(expr);
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.True(bothUp.First >= 3, $"the first replica asked {bothUp.First} times in 5 s");
        Assert.Equal(0, bothUp.Second);
        Assert.Equal(1, notifiedWhileBothUp);
        Assert.True(takenOver > 0);
        // The restarted replica leaves the rule with the one that holds it now.
        Assert.Equal(firstAfterRestart, host.First.Count(expr));
        Assert.True(host.Second.Count(expr) > secondBefore);
        Assert.Single(receiver.Accepted);
    }
}

using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.State;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>Evaluation across restarts, replicas and a consumer group that rejoins without committed offsets.</summary>
[Trait("Category", "System")]
[LongRunning]
public sealed class EvaluationRecoveryTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private readonly ThresholdRules rules = new(host);

    [Fact(Timeout = 120_000)]
    public async Task Firing_state_survives_a_restart_without_firing_again()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = ThresholdRules.Labels();
        var ruleId = await rules.CreateAsync(receiver, "restart_metric", series, new { window = "2s" });
        await host.ProduceAsync("restart_metric", series, 95);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, ThresholdRules.Patience, "firing");

        await host.RestartAsync();
        await host.ProduceAsync("restart_metric", series, 96);
        await Task.Delay(2000);
        var afterRestart = receiver.Accepted.Count;
        var state = await rules.StateAsync(ruleId);
        await Task.Delay(2100);
        await host.ProduceAsync("restart_metric", series, 10);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 2, ThresholdRules.Patience, "resolved after the restart");

        Assert.Equal(1, afterRestart);
        Assert.Equal("firing", state);
        Assert.Equal("resolved", receiver.Accepted.Last().Event);
    }

    [Fact(Timeout = 60_000)]
    public async Task Two_replicas_evaluating_the_same_series_fire_it_once()
    {
        var store = host.App.Services.GetRequiredService<AlertStore>();
        var factory = host.App.Services.GetRequiredService<NotificationFactory>();
        var rule = new AlertRule(Guid.NewGuid(), "race", RuleKind.Threshold, "race_metric", new Dictionary<string, string>(), RuleAggregation.Max, TimeSpan.FromMinutes(1),
            RuleCondition.GreaterThan, 90, TimeSpan.Zero, Severity.Critical, 0, "http://127.0.0.1:9/hook", PayloadFormat.Json, true);
        await host.App.Services.GetRequiredService<RuleStore>().SaveAsync(rule, CancellationToken.None);
        var replicas = Enumerable.Range(0, 2).Select(_ => new AlertInstance(rule, 7, new Dictionary<string, string>())).ToList();
        var now = DateTimeOffset.UtcNow;

        var results = await Task.WhenAll(replicas.Select(async replica =>
        {
            replica.Evaluate(95, now);
            var notification = factory.Create(rule, new AlertEvent(AlertEventKind.Firing, 7, replica.Labels, 95, now, now, null));
            return await store.TransitionAsync(replica, AlertState.Inactive, [notification], CancellationToken.None);
        }));

        Assert.Single(results, won => won);
        await using var count = host.Database.CreateCommand("SELECT count(*) FROM perfmon.notifications WHERE rule_id = $1");
        count.Parameters.AddWithValue(rule.Id);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_partition_without_a_committed_offset_is_read_back_as_far_as_the_rule_windows_reach()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var run = $"rejoin-{Guid.NewGuid():N}"[..15];
        await rules.CreateAsync(receiver, "rejoin_metric", new Dictionary<string, string> { ["run"] = run }, new { window = "1m" });
        var recent = new Dictionary<string, string> { ["run"] = run, ["host"] = "recent" };
        var stale = new Dictionary<string, string> { ["run"] = run, ["host"] = "stale" };

        // A group with no committed offsets joins while these wait on the topic: the state of a rejoin or a new replica.
        host.ConsumerGroup = $"alerting-{Guid.NewGuid():N}"[..17];
        await host.RestartAsync(async () =>
        {
            await host.ProduceAtAsync(DateTimeOffset.UtcNow.AddMinutes(-5), "rejoin_metric", stale, 95);
            await host.ProduceAsync("rejoin_metric", recent, 95);
        });
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c >= 1, ThresholdRules.Patience, "the sample sent during the rejoin firing");
        await Task.Delay(1500);

        var alert = Assert.Single(receiver.Accepted);
        Assert.Contains("\"recent\"", alert.Body, StringComparison.Ordinal);
    }
}

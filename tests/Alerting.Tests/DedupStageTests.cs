using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Tests;

/// <summary>The dedup stage's table on its own: what each change tells the receiver, without a database or a webhook.</summary>
public sealed class DedupStageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly DedupStage dedup = new();

    [Theory]
    [InlineData(false, AlertEventKind.Firing)]
    [InlineData(true, null)]
    public void A_new_firing_is_sent_unless_muted(bool muted, AlertEventKind? expected)
    {
        var (alert, before) = Firing();

        Assert.Equal(expected, dedup.ToSend(new AlertChange(alert, before, true, T0), muted));
    }

    [Theory]
    [InlineData(true, false, AlertEventKind.Resolved)]
    [InlineData(false, false, null)]
    [InlineData(true, true, null)]
    public void Resolved_is_sent_only_to_a_receiver_that_was_told_it_fired(bool notified, bool muted, AlertEventKind? expected)
    {
        var (alert, _) = Firing();
        if (notified)
        {
            alert.MarkNotified(T0);
        }
        var before = alert.Snapshot();
        var changed = alert.Evaluate(10, T0.AddSeconds(10));

        Assert.Equal(expected, dedup.ToSend(new AlertChange(alert, before, changed, T0.AddSeconds(10)), muted));
    }

    [Fact]
    public void A_lifted_silence_lets_an_unsent_firing_through_once()
    {
        var (alert, _) = Firing();
        alert.MarkSilenced(true);
        var before = alert.Snapshot();
        alert.MarkSilenced(false);
        var change = new AlertChange(alert, before, false, T0.AddSeconds(5));

        var send = dedup.ToSend(change, muted: false);

        Assert.Equal(AlertEventKind.Firing, send);
        Assert.True(DedupStage.HasNews(change, send));
    }

    [Fact]
    public void A_reminder_is_due_after_the_repeat_interval_and_nothing_else_is_news()
    {
        var alert = new AlertInstance(Rule() with { RepeatInterval = TimeSpan.FromMinutes(5) }, 1, new Dictionary<string, string>());
        alert.Evaluate(95, T0);
        alert.MarkNotified(T0);
        var before = alert.Snapshot();

        var early = new AlertChange(alert, before, false, T0.AddMinutes(4));
        var due = new AlertChange(alert, before, false, T0.AddMinutes(5));

        Assert.Null(dedup.ToSend(early, muted: false));
        Assert.False(DedupStage.HasNews(early, null));
        Assert.Equal(AlertEventKind.Repeat, dedup.ToSend(due, muted: false));
        Assert.Null(dedup.ToSend(due, muted: true));
    }

    private static (AlertInstance Alert, AlertSnapshot Before) Firing()
    {
        var alert = new AlertInstance(Rule(), 1, new Dictionary<string, string>());
        var before = alert.Snapshot();
        alert.Evaluate(95, T0);
        return (alert, before);
    }

    private static AlertRule Rule() => new(
        Guid.NewGuid(), "cpu", RuleKind.Threshold, "cpu", new Dictionary<string, string>(), RuleAggregation.Avg, TimeSpan.FromMinutes(1),
        RuleCondition.GreaterThan, 90, TimeSpan.Zero, Severity.Warning, 0, "http://example.invalid/hook", PayloadFormat.Json, true);
}

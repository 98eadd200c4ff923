using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.Tests;

/// <summary>How long a row waits after a failed round: doubled per round, so a receiver back after a fault is tried again soon.</summary>
public sealed class DeliveryDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private readonly DeliveryOptions options = new();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 2)]
    [InlineData(6, 4)]
    [InlineData(9, 8)]
    public void The_wait_doubles_per_failed_round_of_tries(int triesBefore, double roundsOfBaseDelay)
    {
        var decider = Decider();
        var notification = Row(triesBefore);
        var round = Failed(options.RetryAttempts + 1);

        var (status, next) = decider.Decide(notification, round);

        Assert.Equal(NotificationOutbox.Pending, status);
        var wait = (next!.Value - T0).TotalMilliseconds;
        var expected = options.RescheduleBaseDelay.TotalMilliseconds * roundsOfBaseDelay;
        Assert.InRange(wait, expected * 0.8, expected * 1.2);
    }

    [Fact]
    public void The_wait_never_exceeds_the_cap()
    {
        var (_, next) = Decider().Decide(Row(300), Failed(options.RetryAttempts + 1));

        Assert.InRange((next!.Value - T0).TotalMilliseconds, 0, options.RescheduleMaxDelay.TotalMilliseconds * 1.2);
    }

    [Fact]
    public void A_receiver_s_retry_after_wins_over_the_backoff()
    {
        var (_, next) = Decider().Decide(Row(6), Failed(1) with { RetryAfter = TimeSpan.FromSeconds(7) });

        Assert.Equal(T0.AddSeconds(7), next);
    }

    /// <summary>
    /// The receiver down for 10 minutes, at the production defaults: every round of the outage fails and the row
    /// stays pending (it is dead-lettered only at MaxAge, a day), each wait stays within the jittered cap, so the first
    /// round after the receiver is back comes at most that long after its return.
    /// </summary>
    [Fact]
    public void A_notification_failing_through_a_ten_minute_outage_is_retried_throughout_and_soon_after_it()
    {
        var outage = TimeSpan.FromMinutes(10);
        var clock = new SettableClock(T0);
        var decider = Decider(clock);
        var tries = 0;
        var next = T0;

        while (next < T0 + outage)
        {
            clock.Now = next;
            var (status, at) = decider.Decide(Row(tries), Failed(options.RetryAttempts + 1));
            Assert.Equal(NotificationOutbox.Pending, status);
            Assert.InRange(at!.Value - next, TimeSpan.Zero, options.RescheduleMaxDelay * 1.2);
            tries += options.RetryAttempts + 1;
            next = at.Value;
        }

        Assert.InRange(next - (T0 + outage), TimeSpan.Zero, options.RescheduleMaxDelay * 1.2);
    }

    [Fact]
    public void A_failing_notification_is_dead_lettered_at_its_max_age_and_not_before()
    {
        var clock = new SettableClock(T0 + options.MaxAge - TimeSpan.FromSeconds(1));
        var decider = Decider(clock);

        var (before, _) = decider.Decide(Row(1000), Failed(options.RetryAttempts + 1));
        clock.Now = T0 + options.MaxAge;
        var (atMaxAge, _) = decider.Decide(Row(1000), Failed(options.RetryAttempts + 1));

        Assert.Equal(NotificationOutbox.Pending, before);
        Assert.Equal(NotificationOutbox.Dead, atMaxAge);
    }

    private DeliveryDecider Decider(TimeProvider? clock = null)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        return new DeliveryDecider(new DeliveryMetrics(meters), Options.Create(options), clock ?? new SettableClock(T0), NullLogger<DeliveryDecider>.Instance);
    }

    private static OutboxNotification Row(int attempts) =>
        new(Guid.NewGuid(), Guid.NewGuid(), 1, "firing", "http://127.0.0.1:9/hook", "perfmon", "{}", null, attempts, T0, null);

    private static DeliveryResult Failed(int tries) =>
        new(DeliveryOutcome.Retryable, 503, "HTTP 503", [.. Enumerable.Range(0, tries).Select(_ => new DeliveryAttempt(T0, 503, 1, "failure", "HTTP 503", "closed"))]);

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

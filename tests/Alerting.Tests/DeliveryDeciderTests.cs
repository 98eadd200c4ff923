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

    private DeliveryDecider Decider()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        return new DeliveryDecider(new DeliveryMetrics(meters), Options.Create(options), new FixedClock(T0), NullLogger<DeliveryDecider>.Instance);
    }

    private static OutboxNotification Row(int attempts) =>
        new(Guid.NewGuid(), Guid.NewGuid(), 1, "firing", "http://127.0.0.1:9/hook", "perfmon", "{}", null, attempts, T0, null);

    private static DeliveryResult Failed(int tries) =>
        new(DeliveryOutcome.Retryable, 503, "HTTP 503", [.. Enumerable.Range(0, tries).Select(_ => new DeliveryAttempt(T0, 503, 1, "failure", "HTTP 503", "closed"))]);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

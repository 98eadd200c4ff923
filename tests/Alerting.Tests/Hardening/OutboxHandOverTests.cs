using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.State;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>
/// A transition's notification is written already leased to this process's dispatcher and handed to it once committed,
/// so its first attempt waits for no claim; a row whose hand-over never happened (the process died after the commit) is
/// claimed once its lease passes and sent once, under its own idempotency key.
/// </summary>
[LongRunning]
public sealed class OutboxHandOverTests(PatientDeliveryHost host) : IClassFixture<PatientDeliveryHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task A_transitions_notification_is_delivered_without_a_claim()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var metric = $"handover_{Guid.NewGuid():N}"[..20];
        var ruleId = (await host.CreateRuleAsync(DeliveryTests.Rule(receiver.Url, metric: metric))).GetProperty("id").GetString()!;
        using var rows = new OutboxRows(host.App.Services.GetRequiredService<IMeterFactory>());

        await host.ProduceAsync(metric, new Dictionary<string, string> { ["host"] = "a" }, 5);
        var log = await Eventually.GetAsync(() => host.NotificationsAsync(ruleId),
            l => l.Count == 1 && l[0].GetProperty("status").GetString() == "delivered", Patience, "the firing notification delivered");

        Assert.Equal(1, rows.HandedOver);
        Assert.Equal(0, rows.Claimed);
        Assert.Single(receiver.Accepted);
        Assert.Equal(1, log[0].GetProperty("attempts").GetInt32());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_row_written_leased_but_never_handed_over_is_claimed_after_its_lease_and_sent_once()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var services = host.App.Services;
        var (rule, _) = await DeadDispatcher.RowsAsync(host, receiver.Url, 0);
        var alert = new AlertInstance(rule, 42, new Dictionary<string, string>());
        var now = DateTimeOffset.UtcNow;
        alert.Evaluate(5, now);
        var notification = services.GetRequiredService<NotificationFactory>()
            .Create(rule, new AlertEvent(AlertEventKind.Firing, 42, alert.Labels, 5, now, now, null));
        var staged = new StagedTransition(alert, alert.Snapshot());
        staged.Notifications.Add(notification);
        var lease = new OutboxLease(Guid.NewGuid(), PatientDeliveryHost.Lease);
        using var rows = new OutboxRows(services.GetRequiredService<IMeterFactory>());

        // The process that wrote it dies after the commit: nothing is handed over, released or renewed.
        var lost = await services.GetRequiredService<AlertStore>().CommitAsync([staged], lease, CancellationToken.None);
        var (token, leased, claimableAtOnce) = await LeaseAsync(notification.Id);
        var log = await Eventually.GetAsync(() => host.NotificationsAsync(rule.Id.ToString()),
            l => l.Count == 1 && l[0].GetProperty("status").GetString() == "delivered", Patience, "the row delivered by a claim after its lease");
        await Task.Delay(PatientDeliveryHost.Lease);

        Assert.Empty(lost);
        Assert.Equal(lease.Token, token);
        Assert.True(leased, "the row is written with a lease still running");
        Assert.False(claimableAtOnce, "a claim skips the row while its lease runs");
        Assert.Equal([notification.Id], receiver.Accepted.Select(a => Guid.Parse(a.IdempotencyKey!)));
        Assert.Equal(1, log[0].GetProperty("attempts").GetInt32());
        Assert.Equal(1, rows.Claimed);
        Assert.Equal(0, rows.HandedOver);
    }

    /// <summary>The row's lease as written, and whether a claim (rolled back) would take it now.</summary>
    private async Task<(Guid? Token, bool Leased, bool Claimable)> LeaseAsync(Guid id)
    {
        await using var connection = await host.Database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT lease_token, lease_until > now() FROM perfmon.notifications WHERE id = $1", connection, transaction);
        command.Parameters.AddWithValue(id);
        Guid? token;
        bool leased;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            token = reader.IsDBNull(0) ? null : reader.GetGuid(0);
            leased = !reader.IsDBNull(1) && reader.GetBoolean(1);
        }
        var claimed = await NotificationOutbox.ClaimDueAsync(connection, transaction, 100, TimeSpan.FromMinutes(1), CancellationToken.None);
        await transaction.RollbackAsync();
        return (token, leased, claimed.Any(n => n.Id == id));
    }

    /// <summary>This host's counts of outbox rows claimed and handed over, from when it is created.</summary>
    private sealed class OutboxRows : IDisposable
    {
        private readonly MeterListener listener = new();
        private long claimed;
        private long handedOver;

        public OutboxRows(IMeterFactory meters)
        {
            var meter = meters.Create(AlertingMeter.Name);
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter && instrument.Name is "perfmon.alerting.outbox.claimed" or "perfmon.alerting.outbox.handed_over")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
                Interlocked.Add(ref instrument.Name == "perfmon.alerting.outbox.claimed" ? ref claimed : ref handedOver, value));
            listener.Start();
        }

        public long Claimed => Interlocked.Read(ref claimed);

        public long HandedOver => Interlocked.Read(ref handedOver);

        public void Dispose() => listener.Dispose();
    }
}

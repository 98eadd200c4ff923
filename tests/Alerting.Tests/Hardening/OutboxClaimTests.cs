using Npgsql;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Tests.Support;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>
/// The outbox claim commits without waiting for its WAL to reach the disk, whatever the session asks for: the rows are
/// durable since the transition that wrote them, and a lease lost in a database crash only sends a row again under its
/// idempotency key. Waiting put a second fsync between every alert's commit and its webhook.
/// </summary>
public sealed class OutboxClaimTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    [Fact(Timeout = 120_000)]
    public async Task A_claim_commits_without_waiting_for_a_wal_flush()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var (_, rows) = await DeadDispatcher.RowsAsync(host, receiver.Url, 1);
        await using var connection = await host.Database.OpenConnectionAsync();
        // Rolled back at the end: the service's own dispatcher never sees the row.
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var durable = new NpgsqlCommand("SET LOCAL synchronous_commit = on", connection, transaction))
        {
            await durable.ExecuteNonQueryAsync();
        }
        await NotificationOutbox.AddAsync(connection, transaction, rows[0], CancellationToken.None);

        var claimed = await NotificationOutbox.ClaimDueAsync(connection, transaction, 10, TimeSpan.FromMinutes(1), CancellationToken.None);

        await using var setting = new NpgsqlCommand("SELECT current_setting('synchronous_commit')", connection, transaction);
        var commitWaitsForFlush = (string?)await setting.ExecuteScalarAsync();
        await transaction.RollbackAsync();
        Assert.Single(claimed);
        Assert.Equal("off", commitWaitsForFlush);
    }
}

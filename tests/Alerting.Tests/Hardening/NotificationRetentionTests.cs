using Npgsql;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>
/// A service whose retention job runs every second, two rows a statement: the other classes' hosts keep the 10-minute
/// default, so their test runs hold no retention round at all.
/// </summary>
public sealed class FrequentRetentionHost : AlertingHost
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Alerting:Delivery:RetentionInterval"] = "00:00:01";
        settings["Alerting:Delivery:RetentionBatchSize"] = "2";
    }
}

/// <summary>Delivered and dead notifications older than the retention are deleted by the periodic job, in batches.</summary>
public sealed class NotificationRetentionTests(FrequentRetentionHost host) : IClassFixture<FrequentRetentionHost>
{
    [Fact(Timeout = 90_000)]
    public async Task Old_delivered_and_dead_rows_and_their_attempts_are_deleted_while_pending_and_recent_rows_stay()
    {
        var rule = Guid.NewGuid();
        var expired = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            expired.Add(await InsertAsync(rule, "delivered", TimeSpan.FromDays(8)));
        }
        expired.Add(await InsertAsync(rule, "dead", TimeSpan.FromDays(8)));
        expired.Add(await InsertAsync(rule, "dead", TimeSpan.FromDays(30)));
        var oldPending = await InsertAsync(rule, "pending", TimeSpan.FromDays(8));
        var recentDelivered = await InsertAsync(rule, "delivered", TimeSpan.FromDays(6));
        var recentDead = await InsertAsync(rule, "dead", TimeSpan.FromHours(1));

        var left = await Eventually.GetAsync(() => IdsAsync("SELECT id FROM perfmon.notifications WHERE rule_id = $1", rule),
            ids => !ids.Overlaps(expired), TimeSpan.FromSeconds(60), "the retention job to delete the expired rows");
        var attempts = await IdsAsync("SELECT notification_id FROM perfmon.notification_attempts a JOIN perfmon.notifications n ON n.id = a.notification_id WHERE n.rule_id = $1", rule);
        var orphans = await IdsAsync("SELECT notification_id FROM perfmon.notification_attempts WHERE notification_id = ANY($1)", expired.ToArray());

        // Version 7 ids made in the same millisecond do not sort in creation order: compare both sides sorted.
        Guid[] kept = [oldPending, recentDelivered, recentDead];
        Assert.Equal(kept.Order(), left.Order());
        Assert.Equal(kept.Order(), attempts.Order());
        Assert.Empty(orphans);
    }

    private async Task<Guid> InsertAsync(Guid rule, string status, TimeSpan age)
    {
        var id = Guid.CreateVersion7();
        await using var batch = host.Database.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            INSERT INTO perfmon.notifications (id, rule_id, event, url, host, format, body, status, created_at, next_attempt_at, delivered_at, dead_at)
            VALUES ($1, $2, 'test', 'http://127.0.0.1:9/hook', 'http://127.0.0.1:9', 'json', '{}', $3, now() - $4, now() + interval '1 day',
                    CASE WHEN $3 = 'delivered' THEN now() - $4 END, CASE WHEN $3 = 'dead' THEN now() - $4 END)
            """) { Parameters = { new() { Value = id }, new() { Value = rule }, new() { Value = status }, new() { Value = age } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            INSERT INTO perfmon.notification_attempts (notification_id, at, latency_ms, outcome, breaker_state)
            VALUES ($1, now() - $2, 1, 'delivered', 'closed')
            """) { Parameters = { new() { Value = id }, new() { Value = age } } });
        await batch.ExecuteNonQueryAsync();
        return id;
    }

    private async Task<HashSet<Guid>> IdsAsync(string sql, object parameter)
    {
        await using var command = host.Database.CreateCommand(sql);
        command.Parameters.AddWithValue(parameter);
        var ids = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }
}

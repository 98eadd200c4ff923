using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Tests.Support;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>
/// A dispatcher that dies mid-round: it writes and leases rows in one transaction (so the service's own dispatcher cannot
/// take them first) and then neither renews nor records them.
/// </summary>
public static class DeadDispatcher
{
    /// <summary>A rule sending to <paramref name="url"/> and <paramref name="count"/> test notifications of it, not yet written.</summary>
    public static async Task<(AlertRule Rule, List<OutboxNotification> Rows)> RowsAsync(AlertingHost host, string url, int count)
    {
        var services = host.App.Services;
        var created = Guid.Parse((await host.CreateRuleAsync(DeliveryTests.Rule(url))).GetProperty("id").GetString()!);
        var rule = (await services.GetRequiredService<RuleStore>().GetAsync(created, CancellationToken.None))!;
        var factory = services.GetRequiredService<NotificationFactory>();
        var rows = Enumerable.Range(0, count)
            .Select(i => factory.Create(rule, new AlertEvent(AlertEventKind.Test, i, new Dictionary<string, string>(), i, null, null, null))).ToList();
        return (rule, rows);
    }

    public static async Task<IReadOnlyList<OutboxNotification>> LeaseAsync(NpgsqlDataSource database, IEnumerable<OutboxNotification> rows, TimeSpan lease)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var row in rows)
        {
            await NotificationOutbox.AddAsync(connection, transaction, row, CancellationToken.None);
        }
        var leased = await NotificationOutbox.ClaimDueAsync(connection, transaction, 100, lease, CancellationToken.None);
        await transaction.CommitAsync();
        return leased;
    }
}

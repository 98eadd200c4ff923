using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Routing;

/// <summary>
/// The issue's fault test: a routed receiver is down while the alerts of three groups fire and resolve and the alerting
/// service restarts; when it is back, every outbox row of the receiver arrives exactly once, each group's in the order
/// they were written, and together they tell every alert's story (a third alert joins each group and resolves while the
/// group's first notification waits, across the restart: it is reported resolved, not lost). The outage lasts
/// <see cref="Length"/>: 30 s in the suite (the test hosts cap the outbox's backoff at 1 s, so a longer outage only adds
/// failed rounds), the issue's 10 minutes with PERFMON_OUTAGE_MINUTES=10.
/// </summary>
public sealed class ReceiverOutage(RoutingHost host, ReceiverDown down)
{
    public const string LengthVariable = "PERFMON_OUTAGE_MINUTES";

    private const string Metric = "outage_probe";
    private static readonly string[] Groups = ["cart", "checkout", "search"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>How long the receiver is down: <see cref="LengthVariable"/> minutes when set, else 30 s.</summary>
    public static TimeSpan Length => Environment.GetEnvironmentVariable(LengthVariable) is { Length: > 0 } minutes
        ? TimeSpan.FromMinutes(double.Parse(minutes, CultureInfo.InvariantCulture))
        : TimeSpan.FromSeconds(30);

    /// <summary>Guards a hang only: the outage, then the waits after it, each bounded by <see cref="Patience"/>.</summary>
    public static TimeSpan TestTimeout => Length + TimeSpan.FromMinutes(5);

    public async Task RunAsync()
    {
        var length = Length;
        await using var receiver = await OutageReceiver.StartDownAsync(down);
        await using var sink = await TestReceiver.StartAsync();
        var test = Guid.NewGuid().ToString("N");
        var name = await host.WebhookReceiverAsync(receiver.Url);
        await host.PutRoutingYamlAsync($"""
            route:
              receiver: {await host.WebhookReceiverAsync(sink)}
              routes:
              - matchers: ['test="{test}"']
                receiver: {name}
                group_by: [service]
                group_interval: 1s
                repeat_interval: 24h
            """);
        var ruleId = await host.RoutedRuleAsync("OutageProbe", Metric, new() { ["test"] = test }, "critical");
        var start = DateTimeOffset.UtcNow;

        await SetAsync(test, ["a1", "a2"], 97);
        await Eventually.GetAsync(() => PendingAsync(name), n => n == Groups.Length, Patience, "each group's first notification waiting in the outbox");
        await UntilAsync(start + (length / 4));
        await SetAsync(test, ["a3"], 97);
        await FiringAsync(ruleId, 3 * Groups.Length);
        await UntilAsync(start + (length / 2));
        await host.RestartAsync();
        await UntilAsync(start + (length * 3 / 4));
        await SetAsync(test, ["a1", "a3"], 10);
        await FiringAsync(ruleId, Groups.Length);
        await UntilAsync(start + length);
        await receiver.ComeBackAsync();
        await ArrivedAsync(receiver, 2 * Groups.Length);
        await SetAsync(test, ["a2"], 10);
        await ArrivedAsync(receiver, 3 * Groups.Length);
        // Whatever would be sent twice, or after the group's end, has arrived by now.
        await Task.Delay(TimeSpan.FromSeconds(3));

        var rows = await OutboxAsync(name);
        var arrived = receiver.Accepted.Select(Arrival.Of).ToList();
        Assert.All(rows, row => Assert.Equal("delivered", row.Status));
        Assert.Equal(rows.Select(r => r.Id).Order(), arrived.Select(a => a.Id).Order());
        foreach (var group in Groups)
        {
            var written = rows.Where(r => r.GroupKey == arrived.First(a => a.Group == group).GroupKey).Select(r => r.Id);
            Assert.Equal(written, arrived.Where(a => a.Group == group).Select(a => a.Id));
            Assert.Equal(["firing=a1,a2 resolved=", "firing=a2 resolved=a1,a3", "firing= resolved=a2"], arrived.Where(a => a.Group == group).Select(a => a.Story));
        }
        Assert.Contains(await FailedAttemptsAsync(name), error => error.Contains(down == ReceiverDown.ConnectionRefused ? "refused" : "503", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>One sample of <paramref name="value"/> for each group's alerts <paramref name="hosts"/>, in one record.</summary>
    private Task SetAsync(string test, string[] hosts, double value) =>
        host.ProduceSeriesAsync(Metric, Groups.SelectMany(g => hosts.Select(h => new Dictionary<string, string> { ["test"] = test, ["service"] = g, ["host"] = h })), value);

    private async Task FiringAsync(string ruleId, int count) =>
        await Eventually.GetAsync(() => host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}&state=firing"), a => a!.Count == count, Patience, $"{count} alerts firing");

    private static async Task ArrivedAsync(OutageReceiver receiver, int count) =>
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), n => n >= count, Patience, $"{count} notifications after the outage");

    private static Task UntilAsync(DateTimeOffset at)
    {
        var wait = at - DateTimeOffset.UtcNow;
        return wait > TimeSpan.Zero ? Task.Delay(wait) : Task.CompletedTask;
    }

    private async Task<long> PendingAsync(string receiver)
    {
        await using var command = host.Database.CreateCommand("SELECT count(*) FROM perfmon.notifications WHERE receiver = $1 AND status = 'pending'");
        command.Parameters.AddWithValue(receiver);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<(Guid Id, string GroupKey, string Status)>> OutboxAsync(string receiver)
    {
        await using var command = host.Database.CreateCommand("SELECT id, group_key, status FROM perfmon.notifications WHERE receiver = $1 ORDER BY created_at, id");
        command.Parameters.AddWithValue(receiver);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        }
        return rows;
    }

    /// <summary>The status code or error of every failed attempt to reach the receiver.</summary>
    private async Task<List<string>> FailedAttemptsAsync(string receiver)
    {
        await using var command = host.Database.CreateCommand("""
            SELECT coalesce(a.status_code::text, a.error, '') FROM perfmon.notification_attempts a
            JOIN perfmon.notifications n ON n.id = a.notification_id WHERE n.receiver = $1 AND a.outcome = 'retryable'
            """);
        command.Parameters.AddWithValue(receiver);
        await using var reader = await command.ExecuteReaderAsync();
        var errors = new List<string>();
        while (await reader.ReadAsync())
        {
            errors.Add(reader.GetString(0));
        }
        return errors;
    }

    /// <summary>A webhook v4 notification as it arrived: its outbox row, group, and which alerts it reported firing and resolved.</summary>
    private sealed record Arrival(Guid Id, string GroupKey, string Group, string Story)
    {
        public static Arrival Of(TestReceiver.Received received)
        {
            var body = JsonDocument.Parse(received.Body).RootElement;
            var alerts = body.GetProperty("alerts").EnumerateArray()
                .Select(a => (Status: a.GetProperty("status").GetString(), Host: a.GetProperty("labels").GetProperty("host").GetString()))
                .ToList();
            string Hosts(string status) => string.Join(',', alerts.Where(a => a.Status == status).Select(a => a.Host).Order(StringComparer.Ordinal));
            return new Arrival(Guid.Parse(received.IdempotencyKey!), body.GetProperty("groupKey").GetString()!,
                body.GetProperty("groupLabels").GetProperty("service").GetString()!, $"firing={Hosts("firing")} resolved={Hosts("resolved")}");
        }
    }
}

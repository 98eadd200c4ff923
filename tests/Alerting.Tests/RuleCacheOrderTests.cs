using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Secrets;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.ServiceDefaults.Postgres;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>
/// The rule cache's periodic refresh and the refresh after a save overlap: a read that started before the save must never
/// replace the rules read after it, or a new rule goes unevaluated for up to a refresh interval.
/// </summary>
public sealed class RuleCacheOrderTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 60_000)]
    public async Task A_refresh_that_read_before_a_save_never_replaces_the_rules_read_after_it()
    {
        await using (var migrating = NpgsqlDataSource.Create(postgres.ConnectionString))
        {
            await new SchemaMigrator(migrating, new SchemaMigrations(typeof(RuleStore).Assembly, "alerting"), NullLogger<SchemaMigrator>.Instance)
                .StartAsync(CancellationToken.None);
        }
        await using var relay = HeldPostgresReplies.Start(postgres.ConnectionString);
        await using var database = NpgsqlDataSource.Create(relay.ConnectionString);
        var secrets = new WebhookSecretProtector(new EphemeralDataProtectionProvider(), NullLogger<WebhookSecretProtector>.Instance);
        var store = new RuleStore(database, secrets);
        var cache = new RuleCache(store, Options.Create(new AlertingOptions()), NullLogger<RuleCache>.Instance);
        // The pool keeps this read's connection; the next read takes it again.
        await cache.RefreshAsync(CancellationToken.None);
        var before = cache.Current.All.Count;

        relay.HoldOpenConnections();
        var older = cache.RefreshAsync(CancellationToken.None);
        await relay.ReplyHeld.WaitAsync(Patience);
        var rule = new AlertRule(Guid.NewGuid(), "saved while a refresh was out", RuleKind.Threshold, "order_metric", new Dictionary<string, string>(),
            RuleAggregation.Max, TimeSpan.FromMinutes(1), RuleCondition.GreaterThan, 90, TimeSpan.Zero, Severity.Critical, 0, "http://127.0.0.1:9/hook",
            PayloadFormat.Json, true);
        // On connections opened while the older read's reply is held: these pass.
        await store.SaveAsync(rule, CancellationToken.None);
        await cache.RefreshAsync(CancellationToken.None);
        var afterSave = cache.Current.All.Select(r => r.Id).ToList();
        relay.Release();
        await older.WaitAsync(Patience);

        Assert.Contains(rule.Id, afterSave);
        Assert.Equal(before + 1, cache.Current.All.Count);
        Assert.Contains(rule.Id, cache.Current.All.Select(r => r.Id));
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PerfMonitor.ServiceDefaults.Postgres;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// Alerting's migrations, applied once per test process to a template that each host's database copies: a host's own
/// migrator then finds every file applied. The migrations from an empty database run here, in
/// <see cref="RuleCacheOrderTests"/> and in every whole-system test.
/// </summary>
public static class AlertingSchema
{
    public static readonly DatabaseTemplate Template = new("template_alerting", async (connectionString, cancellationToken) =>
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, new SchemaMigrations(typeof(AlertingOptions).Assembly, "alerting"), NullLogger<SchemaMigrator>.Instance)
            .StartAsync(cancellationToken);
    });
}

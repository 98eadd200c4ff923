using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.TestSupport;

namespace PerfMonitor.ServiceDefaults.Tests;

public sealed class MetricsDbTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact(Timeout = 60_000)]
    public async Task The_metrics_database_comes_from_Aspire_Npgsql_with_its_health_check_and_the_services_migrations()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:metricsdb", postgres.ConnectionString)]);
        builder.Services.AddHealthChecks();

        builder.AddMetricsDb(typeof(MetricsDbTests).Assembly, "servicedefaults-tests");
        using var host = builder.Build();
        await host.StartAsync();
        var checks = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).ToList();
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await using var command = host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT count(*) FROM perfmon.schema_migrations");
        var migrations = await command.ExecuteScalarAsync();
        await host.StopAsync();

        // Aspire.Npgsql's own check ("PostgreSql"), not a hand-written one.
        Assert.Contains("PostgreSql", checks);
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(0L, migrations);
    }

    [Fact]
    public void Without_a_connection_string_the_service_stops_at_start_naming_the_setting()
    {
        var builder = Host.CreateApplicationBuilder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddMetricsDb(typeof(MetricsDbTests).Assembly, "servicedefaults-tests"));

        Assert.Contains("ConnectionStrings__metricsdb", error.Message, StringComparison.Ordinal);
    }
}

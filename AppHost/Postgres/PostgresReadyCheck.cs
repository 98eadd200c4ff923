using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace PerfMonitor.AppHost.Postgres;

/// <summary>Healthy once the server answers a query; what WaitFor(metricsdb) holds the services back for.</summary>
public sealed class PostgresReadyCheck(IResourceWithConnectionString database) : IHealthCheck
{
    private static readonly int ConnectTimeoutSeconds = 3;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // No pooling: an idle pooled connection from the AppHost would hold up PostgreSQL's smart shutdown.
        var connectionString = new NpgsqlConnectionStringBuilder(await database.GetConnectionStringAsync(cancellationToken))
        {
            Pooling = false,
            Timeout = ConnectTimeoutSeconds,
        }.ConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException ex)
        {
            // Expected while the server starts: reported, not thrown (a throwing check logs a stack trace every poll).
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}

using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using PerfMonitor.Embedded.Postgres;

namespace PerfMonitor.AppHost.Postgres;

/// <summary>
/// Healthy once the server answers a query and the services' roles exist with this data folder's passwords: what
/// WaitFor(metricsdb) holds the services back for. The roles are provisioned once per AppHost run (the SQL is
/// idempotent, so a cluster from an earlier run, or one migrated before the roles existed, is brought up to date).
/// </summary>
public sealed class PostgresReadyCheck(EmbeddedPostgresResource database) : IHealthCheck
{
    private static readonly int ConnectTimeoutSeconds = 3;
    private volatile bool rolesProvisioned;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // No pooling: an idle pooled connection from the AppHost would hold up PostgreSQL's smart shutdown.
        var connectionString = new NpgsqlConnectionStringBuilder(await ((IResourceWithConnectionString)database).GetConnectionStringAsync(cancellationToken))
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
            if (!rolesProvisioned)
            {
                await ServiceRoles.ProvisionAsync(connection, database.Cluster.RolePassword, cancellationToken);
                rolesProvisioned = true;
            }
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException ex)
        {
            // Expected while the server starts: reported, not thrown (a throwing check logs a stack trace every poll).
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}

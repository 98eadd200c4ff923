using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfMonitor.Contracts;
using PerfMonitor.ServiceDefaults.Postgres;

namespace Microsoft.Extensions.Hosting;

public static class PostgresExtensions
{
    private const string NpgsqlCommandCategory = "Npgsql.Command";

    /// <summary>
    /// The metrics database through Aspire's PostgreSQL client integration (<c>AddNpgsqlDataSource("metricsdb")</c>:
    /// the data source from <c>ConnectionStrings:metricsdb</c>, its health check, tracing and metrics), plus the
    /// schema migrations embedded in <paramref name="migrationsAssembly"/>, applied once at start-up.
    /// </summary>
    public static TBuilder AddMetricsDb<TBuilder>(this TBuilder builder, Assembly migrationsAssembly, string owner)
        where TBuilder : IHostApplicationBuilder
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ResourceNames.MetricsDb)))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.MetricsDb} is not configured; run the system through the AppHost or set ConnectionStrings__{ResourceNames.MetricsDb}.");
        }

        builder.AddNpgsqlDataSource(ResourceNames.MetricsDb, configureDataSourceBuilder: dataSource =>
            dataSource.ConnectionStringBuilder.ApplicationName ??= builder.Environment.ApplicationName);
        // Aspire.Npgsql hands Npgsql the logger factory, and Npgsql logs every command it completes at Information:
        // the outbox and rule polls alone would bury each service's own logs in the dashboard.
        builder.Logging.AddFilter(NpgsqlCommandCategory, LogLevel.Warning);
        builder.Services.AddSingleton(new SchemaMigrations(migrationsAssembly, owner));
        builder.Services.AddHostedService<SchemaMigrator>();
        return builder;
    }
}

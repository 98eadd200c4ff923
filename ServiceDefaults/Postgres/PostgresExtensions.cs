using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Contracts;
using PerfMonitor.ServiceDefaults.Postgres;

namespace Microsoft.Extensions.Hosting;

public static class PostgresExtensions
{
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
        builder.Services.AddSingleton(new SchemaMigrations(migrationsAssembly, owner));
        builder.Services.AddHostedService<SchemaMigrator>();
        return builder;
    }
}

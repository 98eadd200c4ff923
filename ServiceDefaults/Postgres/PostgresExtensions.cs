using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PerfMonitor.Contracts;
using PerfMonitor.ServiceDefaults.Postgres;

namespace Microsoft.Extensions.Hosting;

public static class PostgresExtensions
{
    /// <summary>
    /// Registers the metrics database from <c>ConnectionStrings:metricsdb</c> (Aspire's convention),
    /// its readiness check, and the schema migrations embedded in <paramref name="migrationsAssembly"/>.
    /// </summary>
    public static TBuilder AddMetricsDb<TBuilder>(this TBuilder builder, Assembly migrationsAssembly, string owner)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.MetricsDb)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.MetricsDb} is not configured; run the system through the AppHost or set ConnectionStrings__{ResourceNames.MetricsDb}.");

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
        dataSourceBuilder.ConnectionStringBuilder.ApplicationName ??= builder.Environment.ApplicationName;
        builder.Services.AddSingleton(dataSourceBuilder.Build());

        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>(ResourceNames.MetricsDb, tags: ["ready"]);
        builder.Services.AddSingleton(new SchemaMigrations(migrationsAssembly, owner));
        builder.Services.AddHostedService<SchemaMigrator>();
        return builder;
    }
}

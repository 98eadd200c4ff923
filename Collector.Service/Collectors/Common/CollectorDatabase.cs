using Npgsql;
using PerfMonitor.Contracts;

namespace PerfMonitor.Collector.Collectors.Common;

/// <summary>
/// The PostgreSQL the built-in collectors watch (ConnectionStrings:metricsdb), with a pool of its own so that
/// monitoring never competes with anything else for connections. Null when no connection string is configured.
/// </summary>
public sealed class CollectorDatabase(IConfiguration configuration) : IAsyncDisposable
{
    private const int MaxPoolSize = 2;

    private readonly Lazy<NpgsqlDataSource?> dataSource = new(() =>
    {
        if (configuration.GetConnectionString(ResourceNames.MetricsDb) is not { Length: > 0 } connectionString)
        {
            return null;
        }
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName = "perfmon-collector-monitoring";
        builder.ConnectionStringBuilder.MaxPoolSize = MaxPoolSize;
        return builder.Build();
    });

    public NpgsqlDataSource? DataSource => dataSource.Value;

    public async ValueTask DisposeAsync()
    {
        if (dataSource.IsValueCreated && dataSource.Value is { } source)
        {
            await source.DisposeAsync();
        }
    }
}

using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using PerfMonitor.AppHost.Kafka;
using PerfMonitor.AppHost.Postgres;
using PerfMonitor.Contracts;

namespace PerfMonitor.AppHost;

/// <summary>PostgreSQL and Kafka: the user's own when a connection string names them, else the embedded ones.</summary>
public static class InfrastructureExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddMetricsDatabase(
        this IDistributedApplicationBuilder builder, string name, AppHostOptions options, string dataDirectory) =>
        builder.Configuration.GetConnectionString(name) is { Length: > 0 }
            ? builder.AddConnectionString(name)
            : builder.AddEmbeddedPostgres(name, Path.Combine(dataDirectory, "postgres"), options.DurablePostgres, options.PostgresMaxConnections);

    public static IResourceBuilder<IResourceWithConnectionString> AddKafkaBroker(
        this IDistributedApplicationBuilder builder, string name, AppHostOptions options, IResourceBuilder<IResourceWithConnectionString> offsetsDatabase) =>
        builder.Configuration.GetConnectionString(name) is { Length: > 0 }
            ? builder.AddConnectionString(name)
            : builder.AddEmbeddedKafka(name, Topics.All, options, offsetsDatabase.Resource);
}

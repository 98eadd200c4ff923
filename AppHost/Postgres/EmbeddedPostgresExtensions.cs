using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PerfMonitor.Embedded.Postgres;

namespace PerfMonitor.AppHost.Postgres;

public static class EmbeddedPostgresExtensions
{
    /// <summary>
    /// A PostgreSQL cluster in <paramref name="dataDirectory"/>, created on first use, served by <c>postgres</c> under
    /// DCP on a free loopback port. As root DCP starts it through setpriv, which execs, so the process DCP watches and
    /// signals is the postmaster itself. A server left behind by a killed AppHost is stopped first.
    /// </summary>
    public static IResourceBuilder<EmbeddedPostgresResource> AddEmbeddedPostgres(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, bool durable, int maxConnections)
    {
        var cluster = new PostgresCluster(dataDirectory, name);
        var (command, prefix) = PostgresCluster.AsServiceUser("postgres", []);
        var resource = new EmbeddedPostgresResource(name, command, cluster);
        var healthKey = $"{name}-ready";
        builder.Services.AddHealthChecks().AddTypeActivatedCheck<PostgresReadyCheck>(healthKey, resource);

        return builder.AddResource(resource)
            .WithEndpoint(name: EmbeddedPostgresResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithEndpoint(EmbeddedPostgresResource.EndpointName, endpoint => endpoint.TargetHost = "127.0.0.1")
            .WithArgs(context =>
            {
                foreach (var argument in prefix)
                {
                    context.Args.Add(argument);
                }
                context.Args.Add("-D");
                context.Args.Add(cluster.ClusterFolder);
                context.Args.Add("-p");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                foreach (var (setting, value) in cluster.ServerSettings(maxConnections, durable))
                {
                    context.Args.Add("-c");
                    context.Args.Add($"{setting}={value}");
                }
            })
            .WithHealthCheck(healthKey)
            .WithIconName("Database")
            .ExcludeFromManifest()
            .OnBeforeResourceStarted(async (postgres, e, cancellationToken) =>
            {
                var log = e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(postgres);
                var clock = Stopwatch.StartNew();
                await postgres.Cluster.PrepareAsync(message => log.LogInformation("{Message}", message), cancellationToken);
                log.LogInformation("data folder {Folder} ready in {Milliseconds} ms", postgres.Cluster.ClusterFolder, clock.ElapsedMilliseconds);
            })
            .OnInitializeResource((postgres, e, initializing) =>
            {
                // DCP stops an executable with SIGTERM: PostgreSQL's smart shutdown, which waits for every client to
                // leave and so is cut short by DCP's SIGKILL a few seconds later. A SIGINT on top turns the dashboard's
                // Stop into a fast shutdown (sessions ended, clean exit); the AppHost's own stop does the same through
                // OrderlyShutdown.
                var lifetime = e.Services.GetRequiredService<IHostApplicationLifetime>();
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await foreach (var update in e.Notifications.WatchAsync(lifetime.ApplicationStopping))
                        {
                            if (update.Resource == postgres && update.Snapshot.State?.Text == KnownResourceStates.Stopping)
                            {
                                FastShutdown(postgres, e.Logger);
                            }
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        // The AppHost is stopping: OrderlyShutdown stops the server after the services.
                    }
                }, CancellationToken.None);
                return Task.CompletedTask;
            });
    }

    private static void FastShutdown(EmbeddedPostgresResource postgres, ILogger log)
    {
        if (postgres.Cluster.FastShutdown())
        {
            log.LogInformation("fast shutdown (SIGINT) sent to the postmaster");
        }
    }
}

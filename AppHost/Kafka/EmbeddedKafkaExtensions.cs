using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PerfMonitor.Embedded.Kafka;

namespace PerfMonitor.AppHost.Kafka;

public static class EmbeddedKafkaExtensions
{
    public const string BrokerDownCommand = "broker-down";
    public const string BrokerUpCommand = "broker-up";
    private const string BrokerProperty = "broker";

    /// <summary>
    /// A Kafka-protocol broker in the AppHost process (librdkafka's mock cluster) with PerfMonitor's topics, in memory
    /// only. <c>broker-down</c> / <c>broker-up</c> (dashboard buttons, <see cref="ResourceCommandService"/> in tests)
    /// take it away and bring it back with its data, the way a real outage does.
    /// </summary>
    public static IResourceBuilder<EmbeddedKafkaResource> AddEmbeddedKafka(
        this IDistributedApplicationBuilder builder, string name, IReadOnlyList<string> topics, AppHostOptions options,
        IResourceWithConnectionString? offsetsDatabase)
    {
        var resource = new EmbeddedKafkaResource(name, options.KafkaPartitions, topics);
        var healthKey = $"{name}-broker";
        builder.Services.AddHealthChecks().AddTypeActivatedCheck<BrokerReachableCheck>(healthKey, resource);

        return builder.AddResource(resource)
            .WithHealthCheck(healthKey)
            .WithIconName("DataUsage")
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Kafka (embedded)",
                State = KnownResourceStates.NotStarted,
                Properties = [new("partitions", options.KafkaPartitions)],
            })
            .ExcludeFromManifest()
            .OnInitializeResource(async (kafka, e, cancellationToken) =>
            {
                await e.Notifications.PublishUpdateAsync(kafka, s => s with { State = KnownResourceStates.Starting });
                await e.Eventing.PublishAsync(new BeforeResourceStartedEvent(kafka, e.Services), cancellationToken);
                EmbeddedKafka cluster;
                try
                {
                    cluster = EmbeddedKafka.Start();
                    foreach (var topic in kafka.Topics)
                    {
                        cluster.CreateTopic(topic, kafka.Partitions);
                    }
                }
                catch (Exception ex) when (ex is InvalidOperationException or DllNotFoundException)
                {
                    e.Logger.LogError(ex, "the embedded broker could not start");
                    await e.Notifications.PublishUpdateAsync(kafka, s => s with { State = KnownResourceStates.FailedToStart });
                    return;
                }
                kafka.Started(cluster);
                e.Logger.LogInformation("librdkafka loaded from {Path}", EmbeddedKafka.LibraryPath);
                e.Logger.LogInformation("listening at {Bootstrap}; topics {Topics} with {Partitions} partitions each; in memory only, 5 MiB per partition",
                    cluster.BootstrapServers, string.Join(", ", kafka.Topics), kafka.Partitions);

                var lifetime = e.Services.GetRequiredService<IHostApplicationLifetime>();
                // Normally stopped after the services (OrderlyShutdown); this covers a host that stops without them.
                lifetime.ApplicationStopped.Register(() => _ = cluster.DisposeAsync().AsTask());
                _ = Task.Run(() => WatchOffsetsAsync(kafka, offsetsDatabase, options, e.Logger, lifetime.ApplicationStopping), CancellationToken.None);

                await e.Notifications.PublishUpdateAsync(kafka, s => s with
                {
                    State = KnownResourceStates.Running,
                    StartTimeStamp = DateTime.UtcNow,
                    Urls = [new UrlSnapshot("bootstrap", $"tcp://{cluster.BootstrapServers}", IsInternal: false)],
                    Properties = [.. s.Properties, new("bootstrap.servers", cluster.BootstrapServers), new(BrokerProperty, "up")],
                });
                await e.Eventing.PublishAsync(new ConnectionStringAvailableEvent(kafka, e.Services), cancellationToken);
            })
            .WithCommand(BrokerDownCommand, "Take the broker down", context => SetBrokerAsync(context, resource, up: false),
                new CommandOptions { IconName = "PlugDisconnected", Description = "Refuse every connection until broker-up; the data is kept" })
            .WithCommand(BrokerUpCommand, "Bring the broker up", context => SetBrokerAsync(context, resource, up: true),
                new CommandOptions { IconName = "PlugConnected" });
    }

    /// <summary>The retention watch and the trim of consumed records, both reading the reader groups' offsets one way.</summary>
    private static async Task WatchOffsetsAsync(
        EmbeddedKafkaResource kafka, IResourceWithConnectionString? offsetsDatabase, AppHostOptions options, ILogger log, CancellationToken stopping)
    {
        using var committed = new GroupOffsets(kafka, offsetsDatabase, options.KafkaReaderGroups());
        await Task.WhenAll(
            new KafkaRetentionWatch(kafka, committed, options, log).RunAsync(stopping),
            options.KafkaTrimInterval > TimeSpan.Zero ? new ConsumedRecordsTrim(kafka, committed, options, log).RunAsync(stopping) : Task.CompletedTask);
    }

    private static async Task<ExecuteCommandResult> SetBrokerAsync(ExecuteCommandContext context, EmbeddedKafkaResource kafka, bool up)
    {
        if (kafka.Cluster is not { } cluster)
        {
            return CommandResults.Failure("The broker has not started.");
        }
        if (up)
        {
            cluster.SetUp();
        }
        else
        {
            cluster.SetDown();
        }
        // Shown at once; the health check follows at its next run.
        await context.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(kafka, s => s with
        {
            Properties = [.. s.Properties.Where(p => p.Name != BrokerProperty), new(BrokerProperty, up ? "up" : "down")],
        });
        return CommandResults.Success();
    }
}

using Aspire.Hosting.ApplicationModel;
using PerfMonitor.AppHost.Services;
using PerfMonitor.Embedded.Kafka;

namespace PerfMonitor.AppHost.Kafka;

/// <summary>
/// librdkafka's mock cluster hosted in the AppHost process: not run by DCP, so the AppHost starts it when the
/// resource initializes and reports its state itself. Its connection string (the bootstrap servers) is known only
/// once the cluster listens.
/// </summary>
public sealed class EmbeddedKafkaResource(string name, int partitions, IReadOnlyList<string> topics)
    : Resource(name), IResourceWithConnectionString, IStopsAfterServices
{
    private readonly TaskCompletionSource<string> bootstrap = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Partitions { get; } = partitions;

    public IReadOnlyList<string> Topics { get; } = topics;

    public EmbeddedKafka? Cluster { get; private set; }

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{new BootstrapServers(this)}");

    public void Started(EmbeddedKafka cluster)
    {
        Cluster = cluster;
        bootstrap.TrySetResult(cluster.BootstrapServers);
    }

    /// <summary>Everything it held is gone with it: the embedded broker keeps its data in memory only.</summary>
    public async Task StopAfterServicesAsync(CancellationToken cancellationToken)
    {
        if (Cluster is { } cluster)
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>A deferred value: resolving a consumer's environment waits until the cluster listens.</summary>
    private sealed class BootstrapServers(EmbeddedKafkaResource owner) : IValueProvider, IManifestExpressionProvider
    {
        public string ValueExpression => $"{{{owner.Name}.bootstrapServers}}";

        public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
            await owner.bootstrap.Task.WaitAsync(cancellationToken);
    }
}

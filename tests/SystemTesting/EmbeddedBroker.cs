using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.AppHost.Kafka;
using PerfMonitor.Contracts;

namespace PerfMonitor.SystemTesting;

/// <summary>
/// The embedded Kafka broker of a system booted in this process. Outages go through the resource's commands, as a
/// user's click in the dashboard would; the broker itself lives in this process, so tests can add topics to it.
/// </summary>
public sealed class EmbeddedBroker(DistributedApplication app)
{
    private EmbeddedKafkaResource Resource => app.Services.GetRequiredService<DistributedApplicationModel>()
        .Resources.OfType<EmbeddedKafkaResource>().Single();

    public string BootstrapServers => Resource.Cluster?.BootstrapServers ?? throw new InvalidOperationException("The broker has not started.");

    public Task SetDownAsync(CancellationToken cancellationToken = default) => ExecuteAsync(EmbeddedKafkaExtensions.BrokerDownCommand, cancellationToken);

    public Task SetUpAsync(CancellationToken cancellationToken = default) => ExecuteAsync(EmbeddedKafkaExtensions.BrokerUpCommand, cancellationToken);

    /// <summary>The mock cluster cannot create topics over the protocol: extra ones are made on it directly.</summary>
    public void CreateTopic(string topic, int partitions) =>
        (Resource.Cluster ?? throw new InvalidOperationException("The broker has not started.")).CreateTopic(topic, partitions);

    private async Task ExecuteAsync(string command, CancellationToken cancellationToken)
    {
        var result = await app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(ResourceNames.Kafka, command, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} failed: {result.Message}");
        }
    }
}

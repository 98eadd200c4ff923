using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using PerfMonitor.Contracts;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>
/// Creates PerfMonitor's topics where the broker allows it. Some brokers (the embedded one, or a locked-down
/// managed cluster) refuse or ignore CreateTopics; the topics then must exist already, so failure is logged, not fatal.
/// </summary>
public sealed partial class TopicProvisioner(KafkaClientFactory factory, ILogger<TopicProvisioner> logger)
{
    public async Task EnsureTopicsAsync(CancellationToken cancellationToken)
    {
        using var admin = new AdminClientBuilder(factory.CreateAdminConfig()).Build();
        var existing = admin.GetMetadata(TimeSpan.FromMilliseconds(factory.Options.HealthTimeoutMs)).Topics
            .Where(t => t.Error.Code == ErrorCode.NoError)
            .Select(t => t.Topic)
            .ToHashSet(StringComparer.Ordinal);
        var missing = Topics.All.Where(t => !existing.Contains(t))
            .Select(t => new TopicSpecification { Name = t, NumPartitions = factory.Options.SamplePartitions, ReplicationFactor = -1 })
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }

        try
        {
            await admin.CreateTopicsAsync(missing, new CreateTopicsOptions { RequestTimeout = TimeSpan.FromMilliseconds(factory.Options.HealthTimeoutMs) })
                .WaitAsync(cancellationToken);
        }
        catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code is ErrorCode.TopicAlreadyExists or ErrorCode.NoError))
        {
            // Another replica created them first.
        }
        catch (KafkaException ex)
        {
            LogCreateFailed(string.Join(", ", missing.Select(t => t.Name)), ex.Error.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create Kafka topics {Topics}: {Reason}. They must be created by the broker's operator.")]
    private partial void LogCreateFailed(string topics, string reason);
}

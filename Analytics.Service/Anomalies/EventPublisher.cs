using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.Events;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Analytics.Anomalies;

/// <summary>Publishes analytics' events to perfmon.events.v1 as camelCase JSON, the type in the "type" header.</summary>
public sealed class EventPublisher(KafkaClientFactory kafka) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lazy<IProducer<string, byte[]>> producer = new(() => new ProducerBuilder<string, byte[]>(kafka.CreateProducerConfig()).Build());

    public async Task PublishAsync<TEvent>(string key, TEvent @event, CancellationToken cancellationToken)
        where TEvent : notnull
    {
        var message = new Message<string, byte[]>
        {
            Key = key,
            Value = JsonSerializer.SerializeToUtf8Bytes(@event, Json),
            Headers =
            [
                new Header(EventHeaders.Type, Encoding.UTF8.GetBytes(typeof(TEvent).Name)),
                new Header(EventHeaders.ContentType, Encoding.UTF8.GetBytes(EventHeaders.Json)),
            ],
        };
        await producer.Value.ProduceAsync(Topics.Events, message, cancellationToken);
    }

    public void Dispose()
    {
        if (producer.IsValueCreated)
        {
            producer.Value.Flush(TimeSpan.FromSeconds(5));
            producer.Value.Dispose();
        }
    }
}

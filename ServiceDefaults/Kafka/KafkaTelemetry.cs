using System.Diagnostics;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>
/// Spans for Kafka calls (Confluent.Kafka has no tracing of its own), named and tagged as OpenTelemetry's messaging
/// conventions say, so a sample's trace shows where it went after the HTTP request: into which topic.
/// </summary>
public static class KafkaTelemetry
{
    public const string SourceName = "PerfMonitor.Kafka";
    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A producer span for sending <paramref name="messages"/> to <paramref name="topic"/>; null when nobody listens.</summary>
    public static Activity? StartPublish(string topic, int messages)
    {
        var activity = Source.StartActivity($"publish {topic}", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.operation.type", "publish");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.batch.message_count", messages);
        return activity;
    }
}

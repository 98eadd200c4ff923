namespace PerfMonitor.Collector.Publishing;

/// <summary>What publishing could not make durable and never will: every other sample is in Kafka or in the spool.</summary>
public sealed record PublishResult(IReadOnlyList<SampleRefusal> Refused)
{
    public static readonly PublishResult AllDurable = new([]);

    public static PublishResult Of(List<SampleRefusal> refused) => refused.Count == 0 ? AllDurable : new(refused);
}

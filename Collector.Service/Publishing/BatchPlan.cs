namespace PerfMonitor.Collector.Publishing;

/// <summary>What <see cref="SampleBatcher"/> made of a list of samples: the records to send and the samples no record can hold.</summary>
public sealed class BatchPlan
{
    public List<EncodedBatch> Batches { get; } = [];

    public List<SampleRefusal> TooLarge { get; } = [];

    public int SampleCount => Batches.Sum(b => b.Batch.Samples.Count);
}

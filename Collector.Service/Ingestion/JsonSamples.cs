using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>What <see cref="JsonSampleReader"/> made of a body: samples with their refusals by index, or why the whole body is refused.</summary>
public sealed class JsonSamples
{
    public List<Sample> Samples { get; } = [];

    public List<SampleError> Errors { get; } = [];

    /// <summary>Set when the body as a whole is refused (malformed, or past a limit); then nothing is ingested.</summary>
    public BodyProblem? Problem { get; set; }
}

using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Otlp;

/// <summary>The samples of one OTLP request and, for each, the index of the data point it came from.</summary>
public sealed class OtlpMapping
{
    public List<Sample> Samples { get; } = [];

    public List<int> PointOfSample { get; } = [];

    /// <summary>Data points seen, including those without a recorded value (which produce no sample).</summary>
    public int Points { get; set; }

    /// <summary>Metrics that carried no data at all; each counts as one rejected data point.</summary>
    public List<string> Unmapped { get; } = [];

    public void Add(int point, Sample sample)
    {
        Samples.Add(sample);
        PointOfSample.Add(point);
    }
}

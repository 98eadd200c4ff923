using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Otlp;

/// <summary>
/// The samples of one OTLP request and, for each, the index of the data point it came from. Holds at most
/// <paramref name="maxSamples"/> samples: once a data point would take it past them, that point and every later one
/// is refused unmapped (<see cref="OverLimit"/>).
/// </summary>
public sealed class OtlpMapping(int maxSamples)
{
    /// <summary>How many refusals a partial-success message names.</summary>
    public const int MaxReasons = 5;

    public List<Sample> Samples { get; } = [];

    public List<int> PointOfSample { get; } = [];

    /// <summary>Data points seen, including those without a recorded value (which produce no sample).</summary>
    public int Points { get; set; }

    /// <summary>Metrics that carried no data at all; each counts as one rejected data point.</summary>
    public int Unmapped { get; private set; }

    /// <summary>Why the first few metrics were not mapped: reasons enough for a message, however many there are.</summary>
    public List<string> UnmappedReasons { get; } = [];

    /// <summary>Data points refused because the request's samples reached <see cref="MaxSamples"/>.</summary>
    public int OverLimit { get; private set; }

    public int MaxSamples => maxSamples;

    /// <summary>Whether a data point that becomes <paramref name="samples"/> samples still fits; when not, it is counted as over the limit.</summary>
    public bool Reserve(int samples)
    {
        if (OverLimit == 0 && Samples.Count + samples <= maxSamples)
        {
            return true;
        }
        OverLimit++;
        return false;
    }

    public void AddUnmapped(string reason)
    {
        Points++;
        if (Unmapped++ < MaxReasons)
        {
            UnmappedReasons.Add(reason);
        }
    }

    public void Add(int point, Sample sample)
    {
        Samples.Add(sample);
        PointOfSample.Add(point);
    }
}

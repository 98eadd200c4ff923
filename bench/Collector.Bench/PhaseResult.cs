namespace PerfMonitor.Collector.Bench;

/// <summary>
/// One protocol in one run. Allocations are the collector's own (its runtime metric) for the protocols, and this
/// process's for the baseline, which produces from here.
/// </summary>
public sealed record PhaseResult(
    string Protocol,
    int Run,
    long Samples,
    TimeSpan Elapsed,
    double BytesPerSample,
    double CollectorCpuMicrosPerSample,
    double CollectorCores,
    double BenchCores)
{
    public double SamplesPerSecond => Samples / Elapsed.TotalSeconds;
}

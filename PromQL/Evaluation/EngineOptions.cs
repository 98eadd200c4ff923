namespace PerfMonitor.PromQL.Evaluation;

/// <summary>Engine settings; the defaults are Prometheus's.</summary>
public sealed record EngineOptions
{
    /// <summary>How far back an instant vector selector looks for a sample (Prometheus: 5 minutes).</summary>
    public long LookbackDeltaMs { get; init; } = 5 * 60 * 1000;

    /// <summary>The most steps a range query may have (Prometheus's HTTP API refuses more than 11,000 points per series).</summary>
    public int MaxSteps { get; init; } = 11_000;
}

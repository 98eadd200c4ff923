namespace PerfMonitor.Contracts.Health;

/// <summary>A named band of health scores: every score at or above <see cref="Minimum"/> and below the next band up.</summary>
public sealed record ScoreBand(string Name, double Minimum);

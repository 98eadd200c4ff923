namespace PerfMonitor.Analytics.Rollups;

/// <summary>One range partition of a rollup table: [From, To).</summary>
public sealed record RollupPartition(string Parent, string Name, DateOnly From, DateOnly To);

namespace PerfMonitor.PromQL.Storage;

/// <summary>
/// What a counter's samples mean. Cumulative: running totals that drop to zero on a reset (Prometheus, cumulative
/// OTLP sums). Delta: each sample is the increment since the previous one (delta OTLP sums, PerfMonitor.Client's
/// Count()); rate, increase and irate then add the increments up instead of taking differences.
/// </summary>
public enum CounterTemporality
{
    Cumulative,
    Delta,
}

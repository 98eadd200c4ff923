namespace PerfMonitor.LoadGen.Query;

/// <summary>One system's timings of one query over the repetitions, and the size of its last answer.</summary>
public sealed record SystemTiming(double MedianMs, double P95Ms, double FirstMs, int Errors, int Series, int Points, IReadOnlyList<string> Warnings, string? Error)
{
    public static SystemTiming Of(IReadOnlyList<double> ms, IReadOnlyList<PromAnswer> answers)
    {
        var last = answers[^1];
        return new(Stats.Percentile(ms.ToArray(), 0.5), Stats.Percentile(ms.ToArray(), 0.95), ms[0], answers.Count(a => a.Error is not null),
            last.Series.Count, last.Points, last.Warnings, answers.FirstOrDefault(a => a.Error is not null)?.Error);
    }
}

public sealed record QueryResult(string Name, string Kind, string Range, string Expr, double? StepSeconds, SystemTiming PerfMonitor, SystemTiming Prometheus, bool Agree, string Agreement)
{
    /// <summary>PerfMonitor's median over Prometheus's: above 1 PerfMonitor is slower.</summary>
    public double Ratio => Prometheus.MedianMs > 0 ? PerfMonitor.MedianMs / Prometheus.MedianMs : double.NaN;
}

/// <summary>The query-latency comparison: the history both systems hold, how it got there, and each query's timings.</summary>
public sealed record QueryReport
{
    public required string RunId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset EvaluationTime { get; init; }

    public required int Series { get; init; }

    public required double ScrapeIntervalSeconds { get; init; }

    public required double HistoryHours { get; init; }

    public required int Repetitions { get; init; }

    /// <summary>Samples generated, as PerfMonitor's minute rows count them and as Prometheus's blocks' meta.json count them.</summary>
    public required long SamplesGenerated { get; init; }

    public required long PerfMonitorSamples { get; init; }

    public required long PrometheusSamples { get; init; }

    public required long PerfMonitorFiveMinuteRows { get; init; }

    public required long PerfMonitorHourRows { get; init; }

    public required int PrometheusBlocks { get; init; }

    public required double PerfMonitorLoadSeconds { get; init; }

    public required double PrometheusLoadSeconds { get; init; }

    public required string PrometheusVersion { get; init; }

    public required int ProcessorCount { get; init; }

    /// <summary>/proc/loadavg's 1-minute figure when the queries started and when they ended: the machine is shared.</summary>
    public required double LoadAverageBefore { get; init; }

    public required double LoadAverageAfter { get; init; }

    public required IReadOnlyList<QueryResult> Queries { get; init; }

    public bool CountsMatch => PerfMonitorSamples == SamplesGenerated && PrometheusSamples == SamplesGenerated;

    public bool AllAgree => Queries.Count > 0 && Queries.All(q => q.Agree);
}

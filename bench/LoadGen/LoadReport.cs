using PerfMonitor.LoadGen.Incidents;

namespace PerfMonitor.LoadGen;

/// <summary>Everything one run measured; written as JSON for later comparison and printed as a table.</summary>
public sealed record LoadReport
{
    public required string RunId { get; init; }
    public required string Mode { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required int Series { get; init; }
    public required IReadOnlyDictionary<string, int> Mix { get; init; }
    public required double DurationSeconds { get; init; }
    public long Acknowledged { get; init; }
    public long InDoubt { get; init; }
    public long Counted { get; init; }
    public double AcceptedPerSecond { get; init; }
    public double VisiblePerSecond { get; init; }
    public double FreshnessP50Ms { get; init; }
    public double FreshnessP99Ms { get; init; }
    public int FreshnessProbes { get; init; }
    public double AlertP50Ms { get; init; }
    public double AlertP99Ms { get; init; }
    public int AlertsReceived { get; init; }
    public int AlertsInjected { get; init; }
    /// <summary>Firing notifications received more than once for the same incident.</summary>
    public int AlertsDuplicated { get; init; }
    /// <summary>Incidents whose sample was acknowledged and that never alerted.</summary>
    public int AlertsLost { get; init; }
    /// <summary>Incidents whose sample no try got acknowledged (a fault): not injected, so not lost either.</summary>
    public int AlertsNotAcknowledged { get; init; }
    /// <summary>Every incident that did not alert, with what became of it and the faults it overlapped.</summary>
    public IReadOnlyList<IncidentOutcome> UnalertedIncidents { get; init; } = [];
    /// <summary>The incidents that took longest to alert, with the faults they overlapped: what makes the latency's tail.</summary>
    public IReadOnlyList<IncidentOutcome> SlowestIncidents { get; init; } = [];
    public double IdleAlertP50Ms { get; init; }
    public double IdleAlertP99Ms { get; init; }
    public int IdleAlertsReceived { get; init; }
    public int IdleAlertsInjected { get; init; }
    public long MaxAlertingLag { get; init; }
    public bool DirectKafka { get; init; }

    /// <summary>The alert probe's notifications went through a receiver and the routing tree (<c>--routed-alerts</c>).</summary>
    public bool RoutedAlerts { get; init; }
    public double Query1hP50Ms { get; init; }
    public double Query1hP99Ms { get; init; }
    public double Query24hP50Ms { get; init; }
    public double Query24hP99Ms { get; init; }
    public long MaxLag { get; init; }
    public IReadOnlyDictionary<string, ServiceUsage> Services { get; init; } = new Dictionary<string, ServiceUsage>();
    public double KafkaBaselinePerSecond { get; init; }
    public double CopyBaselineRowsPerSecond { get; init; }
    public IReadOnlyList<FaultOutcome> Faults { get; init; } = [];
    public IReadOnlyList<TimelinePoint> Timeline { get; init; } = [];
    public IReadOnlyList<SoakTrend> Soak { get; init; } = [];

    /// <summary>Nothing acknowledged is missing from the rollups.</summary>
    public long Lost => Math.Max(0, Acknowledged - Counted);

    /// <summary>Counted beyond what was acknowledged plus what was sent without an answer.</summary>
    public long Duplicated => Math.Max(0, Counted - Acknowledged - InDoubt);

    public bool CountsMatch => Lost == 0 && Duplicated == 0;
}

/// <summary>One second of a run: samples acknowledged and counted in the minute rollups in it (NaN while not readable), analytics lag in records, memory per service.</summary>
public sealed record TimelinePoint(double Seconds, double AcceptedPerSecond, double VisiblePerSecond, long Lag, IReadOnlyDictionary<string, double> MemoryMiB);

/// <summary>A fault injected <see cref="AtSeconds"/> into the run and how long the system took to be healthy again.</summary>
public sealed record FaultOutcome(string Fault, double AtSeconds, double RecoverySeconds, string Detail);

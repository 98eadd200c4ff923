namespace PerfMonitor.LoadGen.Incidents;

/// <summary>
/// The time each hop of the alert path took, over every incident of a phase: median, p90 and max of the step from one
/// stage to the next. One run's p50 moves with the machine; the step that grew says where.
/// </summary>
public static class StageTable
{
    private static readonly (string Name, Func<IncidentStageTimes, double?> From, Func<IncidentStageTimes, double?> To)[] Steps =
    [
        ("send -> answered (gateway, collector, Kafka produce)", _ => 0, s => s.Answered),
        ("answered -> fired (Kafka fetch, evaluation)", s => s.Answered, s => s.Fired),
        ("fired -> transition written (commit begins)", s => s.Fired, s => s.TransitionWritten),
        ("written -> first attempt (commit, outbox, dispatch)", s => s.TransitionWritten, s => s.FirstAttempt),
        ("first attempt -> received (webhook)", s => s.FirstAttempt, s => s.Received),
        ("send -> received", _ => 0, s => s.Received),
    ];

    public static IReadOnlyList<string> Lines(string phase, IReadOnlyList<IncidentStageTimes> stages)
    {
        var lines = new List<string> { $"  {$"alert path, {phase}, {stages.Count} incidents (ms)",-56} {"p50",8} {"p90",8} {"max",8}" };
        foreach (var (name, from, to) in Steps)
        {
            var steps = stages.Select(s => to(s) - from(s)).OfType<double>().ToList();
            lines.Add(steps.Count == 0 ? $"  {name,-56}        -"
                : $"  {name,-56} {Stats.Percentile(steps, 0.5),8:N1} {Stats.Percentile(steps, 0.9),8:N1} {steps.Max(),8:N1}");
        }
        return lines;
    }
}

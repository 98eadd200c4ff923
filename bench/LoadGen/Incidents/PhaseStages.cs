using Npgsql;

namespace PerfMonitor.LoadGen.Incidents;

/// <summary>
/// Where a run's incidents spent their time, read back from the alerting tables before teardown: the slowest few of the
/// first phase stage by stage, then each phase's hops (p50, p90 and max over its incidents). A PostgreSQL fault only
/// costs the trace.
/// </summary>
public static class PhaseStages
{
    /// <summary>One phase's incidents, slowest first, under the label its table is printed with.</summary>
    public sealed record Phase(string Label, IReadOnlyList<ProbeIncident> SlowestFirst);

    public static async Task PrintAsync(
        string postgres, string runId, IReadOnlyList<Phase> phases, int traced, TextWriter console, CancellationToken cancellationToken)
    {
        try
        {
            var stages = await IncidentStages.ReadAsync(postgres, runId, [.. phases.SelectMany(p => p.SlowestFirst)], cancellationToken);
            var byPhase = phases.Select(p => (p.Label, Stages: Of(p, stages))).ToList();
            var lines = IncidentStages.Describe([.. phases[0].SlowestFirst.Take(traced)], byPhase[0].Stages)
                .Concat(byPhase.SelectMany(p => StageTable.Lines(p.Label, p.Stages)));
            foreach (var line in lines)
            {
                console.WriteLine(line);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            console.WriteLine($"  incident stages unavailable: {ex.Message}");
        }
    }

    private static List<IncidentStageTimes> Of(Phase phase, IReadOnlyList<IncidentStageTimes> stages)
    {
        var names = phase.SlowestFirst.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return [.. stages.Where(s => names.Contains(s.Name))];
    }
}

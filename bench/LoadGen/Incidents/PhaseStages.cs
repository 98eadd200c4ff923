using Npgsql;

namespace PerfMonitor.LoadGen.Incidents;

/// <summary>
/// Where one phase's incidents spent their time, read back from the alerting tables before teardown: the slowest few
/// stage by stage, then each hop's p50, p90 and max over all of them. A PostgreSQL fault only costs the trace.
/// </summary>
public static class PhaseStages
{
    public static async Task PrintAsync(
        string postgres, string runId, string phase, IReadOnlyList<ProbeIncident> slowestFirst, int traced, TextWriter console, CancellationToken cancellationToken)
    {
        try
        {
            var stages = await IncidentStages.ReadAsync(postgres, runId, slowestFirst, cancellationToken);
            foreach (var line in IncidentStages.Describe([.. slowestFirst.Take(traced)], stages).Concat(StageTable.Lines(phase, stages)))
            {
                console.WriteLine(line);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            console.WriteLine($"  incident stages unavailable: {ex.Message}");
        }
    }
}

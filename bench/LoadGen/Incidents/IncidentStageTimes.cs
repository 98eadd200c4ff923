using System.Text;

namespace PerfMonitor.LoadGen.Incidents;

/// <summary>One incident's stages, each in milliseconds after its acknowledged send; null where the stage left no trace.</summary>
public sealed record IncidentStageTimes(
    string Name, double? Answered, double? Fired, double? TransitionWritten, double? OutboxRow,
    IReadOnlyList<IncidentStageTimes.Attempt> Attempts, double? RecordedDelivered, double? Received)
{
    public sealed record Attempt(double At, string Outcome, double LatencyMs);

    public double? FirstAttempt => Attempts.Count > 0 ? Attempts[0].At : null;

    public string Describe()
    {
        static string Ms(double? at) => at is { } value ? $"{value:N0}" : "-";
        var line = new StringBuilder($"  stages of {Name,-10} (ms after the acknowledged send): answered {Ms(Answered)}, fired {Ms(Fired)}, ");
        line.Append($"transition written {Ms(TransitionWritten)}, outbox row {Ms(OutboxRow)}");
        foreach (var attempt in Attempts)
        {
            line.Append($", attempt {Ms(attempt.At)} ({attempt.Outcome} in {attempt.LatencyMs:N0} ms)");
        }
        return line.Append($", recorded delivered {Ms(RecordedDelivered)}, received {Ms(Received)}").ToString();
    }
}

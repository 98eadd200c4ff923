using Npgsql;

namespace PerfMonitor.Alerting.Inhibition;

/// <summary>
/// Which firing alert inhibits each firing alert now, and the updates of perfmon.alerts.inhibited_by (what the alert
/// view shows) for those whose answer changed. Sources are all firing alerts, silenced ones included, as in Alertmanager.
/// </summary>
public static class InhibitionMarks
{
    /// <summary>A firing alert as inhibition sees it: its identity, labels, the stored mark, and where its row is.</summary>
    public sealed record Candidate(string Fingerprint, string AlertName, IReadOnlyDictionary<string, string> Labels, bool Firing, string? Stored, Guid RuleId, long SeriesId);

    /// <summary>The inhibitor of each candidate, as "alertname (fingerprint)", or null (always for one no longer firing).</summary>
    public static Dictionary<string, string?> Compute(IReadOnlyList<InhibitRule> rules, IReadOnlyList<Candidate> alerts)
    {
        var byFingerprint = alerts.ToDictionary(c => c.Fingerprint, StringComparer.Ordinal);
        var sources = alerts.Where(c => c.Firing).Select(c => KeyValuePair.Create(c.Fingerprint, c.Labels)).ToList();
        return alerts.ToDictionary(
            c => c.Fingerprint,
            c => c.Firing && Inhibitor.InhibitedBy(rules, c.Fingerprint, c.Labels, sources) is { } source ? $"{byFingerprint[source].AlertName} ({source})" : null,
            StringComparer.Ordinal);
    }

    public static IEnumerable<NpgsqlBatchCommand> Updates(IReadOnlyList<Candidate> alerts, IReadOnlyDictionary<string, string?> marks)
    {
        foreach (var candidate in alerts.Where(c => c.Stored != marks[c.Fingerprint]))
        {
            var command = new NpgsqlBatchCommand("UPDATE perfmon.alerts SET inhibited_by = $3 WHERE rule_id = $1 AND series_id = $2");
            command.Parameters.AddWithValue(candidate.RuleId);
            command.Parameters.AddWithValue(candidate.SeriesId);
            command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)marks[candidate.Fingerprint] ?? DBNull.Value);
            yield return command;
        }
    }
}

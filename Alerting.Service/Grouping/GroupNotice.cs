namespace PerfMonitor.Alerting.Grouping;

/// <summary>What one group notification says: the group's labels, its firing alerts and those resolved since the last one, oldest first.</summary>
public sealed record GroupNotice(
    string GroupKey,
    string Receiver,
    IReadOnlyDictionary<string, string> GroupLabels,
    IReadOnlyList<GroupMember> Firing,
    IReadOnlyList<GroupMember> Resolved)
{
    /// <summary>The signed acknowledge link of each firing alert, by fingerprint: none when no public address is set.</summary>
    public IReadOnlyDictionary<string, string> AcknowledgeUrls { get; init; } = new Dictionary<string, string>();

    public string Status => Firing.Count > 0 ? "firing" : "resolved";

    public string? AcknowledgeUrlOf(GroupMember member) => AcknowledgeUrls.GetValueOrDefault(member.Fingerprint);

    public IEnumerable<GroupMember> All => Firing.Concat(Resolved);

    /// <summary>The labels every alert of the notification shares, as Alertmanager's commonLabels.</summary>
    public Dictionary<string, string> CommonLabels => Common(m => m.Labels);

    public Dictionary<string, string> CommonAnnotations => Common(m => m.Annotations);

    private Dictionary<string, string> Common(Func<GroupMember, Dictionary<string, string>> of)
    {
        var members = All.ToList();
        if (members.Count == 0)
        {
            return [];
        }
        return of(members[0]).Where(pair => members.All(m => of(m).TryGetValue(pair.Key, out var value) && value == pair.Value))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }
}

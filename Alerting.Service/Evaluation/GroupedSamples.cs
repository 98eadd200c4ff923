using System.Buffers.Binary;
using System.Text.Json;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// The samples of one group of a grouped rule that one replica read from its share of perfmon.samples.v1. Samples are
/// partitioned by series, so a group's series are spread over the replicas; re-keyed by (rule, group) onto
/// <see cref="GroupForwarder.Topic"/>, all of a group's samples reach the one replica that owns that key, which
/// computes the group's value from the whole group.
/// </summary>
public sealed record GroupedSamples(Guid RuleId, long GroupId, Dictionary<string, string> GroupLabels, List<GroupedSample> Samples)
{
    /// <summary>The Kafka key: the rule's id and the group's id, so one group always lands on one partition.</summary>
    public byte[] Key()
    {
        var key = new byte[24];
        RuleId.TryWriteBytes(key);
        BinaryPrimitives.WriteInt64LittleEndian(key.AsSpan(16), GroupId);
        return key;
    }

    public byte[] Encode() => JsonSerializer.SerializeToUtf8Bytes(this, JsonSerializerOptions.Web);

    /// <summary>The record's groups; throws <see cref="JsonException"/> on a record that is not one.</summary>
    public static GroupedSamples Decode(ReadOnlySpan<byte> record) =>
        JsonSerializer.Deserialize<GroupedSamples>(record, JsonSerializerOptions.Web) is { GroupLabels: not null, Samples: not null } decoded
            ? decoded
            : throw new JsonException("not a grouped samples record");
}

using System.Text.RegularExpressions;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>
/// This replica's group.instance.id for static group membership, or none. A configured id is taken as it is; otherwise
/// it is the host (pod) name, the service name and the lowest slot no other replica on this host holds: each slot is a
/// lock file held for the life of the process, so two replicas on one host never share an id, and a replica restarted
/// after a crash (its lock released with its process) takes the same id back.
/// </summary>
public sealed partial class KafkaGroupInstance : IDisposable
{
    public const string LockFolderName = "perfmon-kafka-members";

    /// <summary>Replicas of one service on one host; a host running more is misconfigured, not busy.</summary>
    private const int MaxSlotsPerHost = 64;

    /// <summary>group.instance.id allows 249 characters; the slot suffix needs a few.</summary>
    private const int MaxStemLength = 240;

    private readonly FileStream? lease;

    private KafkaGroupInstance(string? id, FileStream? lease)
    {
        Id = id;
        this.lease = lease;
    }

    /// <summary>Dynamic membership: no group.instance.id.</summary>
    public static KafkaGroupInstance None { get; } = new(null, null);

    public string? Id { get; }

    public static KafkaGroupInstance Resolve(KafkaOptions options, string serviceName, string? lockFolder = null)
    {
        if (!string.IsNullOrEmpty(options.GroupInstanceId))
        {
            return new(options.GroupInstanceId, null);
        }
        if (!options.StaticMembership)
        {
            return None;
        }
        var folder = lockFolder ?? Path.Combine(Path.GetTempPath(), LockFolderName);
        Directory.CreateDirectory(folder);
        var stem = Disallowed().Replace($"{Environment.MachineName}-{serviceName}", "-");
        stem = stem[..Math.Min(stem.Length, MaxStemLength)];
        for (var slot = 0; slot < MaxSlotsPerHost; slot++)
        {
            var id = $"{stem}-{slot}";
            try
            {
                return new(id, new FileStream(Path.Combine(folder, id + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                // Held by another replica on this host: try the next slot.
            }
        }
        throw new InvalidOperationException(
            $"All {MaxSlotsPerHost} Kafka group member slots of {stem} in {folder} are held; set Kafka:GroupInstanceId for each replica.");
    }

    public void Dispose() => lease?.Dispose();

    [GeneratedRegex("[^a-zA-Z0-9._-]")]
    private static partial Regex Disallowed();
}

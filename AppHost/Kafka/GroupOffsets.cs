using Aspire.Hosting.ApplicationModel;
using Confluent.Kafka;
using Npgsql;

namespace PerfMonitor.AppHost.Kafka;

/// <summary>A consumer group's committed offset on one partition: the next record the group will read there.</summary>
public readonly record struct CommittedOffset(string Group, TopicPartition Partition, long Offset);

/// <summary>
/// Where the consumer groups of the embedded broker have got to: the groups that commit to Kafka (read with each group's
/// id, without joining the group) and those that keep their offsets in PostgreSQL with the rows they wrote (analytics).
/// Shared by the retention watch and the trim; one read at a time.
/// </summary>
public sealed class GroupOffsets(EmbeddedKafkaResource kafka, IResourceWithConnectionString? offsetsDatabase, IEnumerable<string> kafkaGroups) : IDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(3);
    private readonly string[] groups = [.. kafkaGroups.Distinct(StringComparer.Ordinal)];
    private readonly Dictionary<string, IConsumer<Ignore, Ignore>> readers = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<List<CommittedOffset>> ReadAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var offsets = await Task.Run(ReadKafka, cancellationToken);
            offsets.AddRange(await ReadPostgresAsync(cancellationToken));
            return offsets;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var reader in readers.Values)
        {
            reader.Dispose();
        }
        readers.Clear();
        gate.Dispose();
    }

    private List<CommittedOffset> ReadKafka()
    {
        var partitions = kafka.Topics.SelectMany(topic => Enumerable.Range(0, kafka.Partitions).Select(p => new TopicPartition(topic, p))).ToList();
        var committed = new List<CommittedOffset>();
        foreach (var group in groups)
        {
            committed.AddRange(Reader(group).Committed(partitions, QueryTimeout)
                .Where(p => p.Offset.Value >= 0)
                .Select(p => new CommittedOffset(group, p.TopicPartition, p.Offset.Value)));
        }
        return committed;
    }

    /// <summary>Carries the group's id but never subscribes: it reads the group's offsets without joining it.</summary>
    private IConsumer<Ignore, Ignore> Reader(string group)
    {
        if (!readers.TryGetValue(group, out var reader))
        {
            reader = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
            {
                BootstrapServers = kafka.Cluster!.BootstrapServers,
                GroupId = group,
                EnableAutoCommit = false,
                ClientId = "perfmon-apphost-offsets",
            }).Build();
            readers.Add(group, reader);
        }
        return reader;
    }

    private async Task<List<CommittedOffset>> ReadPostgresAsync(CancellationToken cancellationToken)
    {
        var committed = new List<CommittedOffset>();
        if (offsetsDatabase is null || await offsetsDatabase.GetConnectionStringAsync(cancellationToken) is not { } connectionString)
        {
            return committed;
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT consumer_group, topic, partition, next_offset FROM perfmon.consumer_offsets", connection);
        try
        {
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                committed.Add(new CommittedOffset(rows.GetString(0), new TopicPartition(rows.GetString(1), rows.GetInt32(2)), rows.GetInt64(3)));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Analytics has not created its schema yet: nothing consumed.
        }
        return committed;
    }
}

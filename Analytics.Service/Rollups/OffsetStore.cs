using Npgsql;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>Reads the consumed offsets analytics stores next to its rows; Kafka's own commits are never used.</summary>
public sealed class OffsetStore(NpgsqlDataSource dataSource)
{
    public async Task<Dictionary<int, long>> LoadAsync(string group, string topic, IEnumerable<int> partitions, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT partition, next_offset FROM perfmon.consumer_offsets WHERE consumer_group = $1 AND topic = $2 AND partition = ANY($3)");
        command.Parameters.AddWithValue(group);
        command.Parameters.AddWithValue(topic);
        command.Parameters.AddWithValue(partitions.ToArray());
        var offsets = new Dictionary<int, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            offsets[reader.GetInt32(0)] = reader.GetInt64(1);
        }
        return offsets;
    }
}

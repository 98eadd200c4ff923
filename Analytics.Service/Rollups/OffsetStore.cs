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

    /// <summary>Watermarks and counter states of the partitions, as the last committed flush left them.</summary>
    public async Task<Dictionary<int, PartitionState>> LoadStatesAsync(string group, string topic, IReadOnlyCollection<int> partitions, CancellationToken cancellationToken)
    {
        var states = partitions.ToDictionary(p => p, _ => new PartitionState());
        await using (var command = dataSource.CreateCommand(
            "SELECT partition, watermark_ms FROM perfmon.consumer_offsets WHERE consumer_group = $1 AND topic = $2 AND partition = ANY($3) AND watermark_ms IS NOT NULL"))
        {
            command.Parameters.AddWithValue(group);
            command.Parameters.AddWithValue(topic);
            command.Parameters.AddWithValue(partitions.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                states[reader.GetInt32(0)].WatermarkMs = reader.GetInt64(1);
            }
        }
        await using (var command = dataSource.CreateCommand(
            "SELECT partition, series_id, last_ms, last_value FROM perfmon.counter_state WHERE partition = ANY($1)"))
        {
            command.Parameters.AddWithValue(partitions.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                states[reader.GetInt32(0)].Counters[reader.GetInt64(1)] = new CounterPoint(reader.GetInt64(2), reader.GetDouble(3));
            }
        }
        return states;
    }
}

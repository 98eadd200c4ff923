using Confluent.Kafka;
using Npgsql;
using PerfMonitor.Contracts;

namespace PerfMonitor.LoadGen;

/// <summary>
/// Consumer lag on the samples topic: analytics' (high watermarks minus the offsets it stores in PostgreSQL with its
/// rows; it never commits to Kafka) and alerting's (minus the offsets the alerting group commits to Kafka).
/// </summary>
public sealed class LagReader(string bootstrapServers, string connectionString, int partitions) : IDisposable
{
    private readonly IConsumer<Ignore, Ignore> consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = "loadgen-lag-reader",
    }).Build();

    // Only asks the broker for the group's committed offsets; it never subscribes, so it never joins the group.
    private readonly IConsumer<Ignore, Ignore> alerting = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = "alerting",
    }).Build();

    public long AlertingLag()
    {
        var topicPartitions = Enumerable.Range(0, partitions).Select(p => new TopicPartition(Topics.Samples, p)).ToList();
        var committed = alerting.Committed(topicPartitions, TimeSpan.FromSeconds(5)).ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
        long lag = 0;
        foreach (var partition in topicPartitions)
        {
            var high = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(5)).High.Value;
            var done = committed.GetValueOrDefault(partition.Partition.Value, -1);
            lag += done < 0 ? 0 : Math.Max(0, high - done);
        }
        return lag;
    }

    public async Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        var stored = new Dictionary<int, long>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT partition, next_offset FROM perfmon.consumer_offsets WHERE consumer_group = 'analytics' AND topic = $1", connection);
            command.Parameters.AddWithValue(Topics.Samples);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        long lag = 0;
        for (var partition = 0; partition < partitions; partition++)
        {
            var high = consumer.QueryWatermarkOffsets(new TopicPartition(Topics.Samples, partition), TimeSpan.FromSeconds(5)).High.Value;
            lag += Math.Max(0, high - stored.GetValueOrDefault(partition));
        }
        return lag;
    }

    public void Dispose()
    {
        consumer.Dispose();
        alerting.Dispose();
    }
}

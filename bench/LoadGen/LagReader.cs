using Confluent.Kafka;
using Npgsql;
using PerfMonitor.Contracts;

namespace PerfMonitor.LoadGen;

/// <summary>
/// The analytics group's lag: the samples topic's high watermarks minus the offsets analytics stored in
/// PostgreSQL with its rows (it never commits to Kafka).
/// </summary>
public sealed class LagReader(string bootstrapServers, string connectionString, int partitions) : IDisposable
{
    private readonly IConsumer<Ignore, Ignore> consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = "loadgen-lag-reader",
    }).Build();

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

    public void Dispose() => consumer.Dispose();
}

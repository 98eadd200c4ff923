using System.Diagnostics;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.Wire;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.LoadGen;

/// <summary>
/// This machine's raw limits, measured in the same run: producing the workload's batches straight to Kafka
/// (same client settings as the collector, no HTTP, no validation), and binary COPY of rollup-shaped rows.
/// </summary>
public static class Baselines
{
    public const string BaselineTopic = "loadgen.baseline";

    public static async Task<double> KafkaSamplesPerSecondAsync(string bootstrapServers, Workload workload, long samples, int partitions, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new KafkaClientFactory(Options.Create(new KafkaOptions { BootstrapServers = bootstrapServers })).CreateProducerConfig()).Build();
        var batches = new List<(int Partition, byte[] Key, byte[] Value, int Count)>();
        for (long made = 0; made < samples;)
        {
            var batch = workload.NextBatch(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            var key = SampleRecordKey.Of(SeriesId.Compute(batch.Samples[0].Metric, batch.Samples[0].Labels));
            batches.Add(((int)(made / batch.Samples.Count % partitions), key, batch.ToByteArray(), batch.Samples.Count));
            made += batch.Samples.Count;
        }

        var watch = Stopwatch.StartNew();
        var deliveries = batches.Select(b => producer.ProduceAsync(new TopicPartition(BaselineTopic, b.Partition), new Message<byte[], byte[]> { Key = b.Key, Value = b.Value }, cancellationToken));
        await Task.WhenAll(deliveries);
        return batches.Sum(b => b.Count) / watch.Elapsed.TotalSeconds;
    }

    public static async Task<double> CopyRowsPerSecondAsync(string connectionString, int rows, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("""
            CREATE TEMP TABLE copy_baseline (series_id bigint, bucket timestamptz, count bigint, sum double precision,
                min double precision, max double precision, last double precision, last_at_ms bigint)
            """, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var watch = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY copy_baseline (series_id, bucket, count, sum, min, max, last, last_at_ms) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            var bucket = DateTime.UtcNow.Date;
            for (var i = 0; i < rows; i++)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync((long)i, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(bucket, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(10L, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(123.0, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(1.0, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(40.0, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(12.0, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        return rows / watch.Elapsed.TotalSeconds;
    }
}

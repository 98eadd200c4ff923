using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Embedded.Kafka;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Analytics.Bench.Throughput;

/// <summary>One run on a fresh broker and emptied tables; see <see cref="ThroughputRun"/>.</summary>
public sealed class ThroughputMeasurement(BenchDatabase database, IReadOnlyList<BenchSeries> series, int partitions, double rate)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public async Task<ThroughputResult> RunAsync(long backlogSamples, int liveSeconds, CancellationToken cancellationToken)
    {
        await database.ExecuteAsync("TRUNCATE perfmon.rollups_1m, perfmon.series, perfmon.consumer_offsets, perfmon.counter_state, perfmon.rollup_hours_dirty, perfmon.late_samples", cancellationToken);
        await using var kafka = EmbeddedKafka.Start();
        foreach (var topic in Topics.All)
        {
            kafka.CreateTopic(topic, partitions);
        }
        var factory = new KafkaClientFactory(Options.Create(new KafkaOptions { BootstrapServers = kafka.BootstrapServers }));
        var stream = new SampleStream(series, partitions, rate);
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var backlog = stream.Next(nowMs - (long)(backlogSamples * 1000 / rate), backlogSamples);
        using var producer = new ProducerBuilder<byte[], byte[]>(factory.CreateProducerConfig()).Build();
        await Task.WhenAll(backlog.Select(r => producer.ProduceAsync(new TopicPartition(Topics.Samples, r.Partition), new Message<byte[], byte[]> { Key = r.Key, Value = r.Value }, cancellationToken)));
        CheckNothingDropped(factory);

        var read = ReadWithoutWork(factory, backlog.Count, backlogSamples, aggregate: false);
        var aggregate = ReadWithoutWork(factory, backlog.Count, backlogSamples, aggregate: true);

        using var meters = new FlushMeters();
        var loop = new KafkaConsumerLoop(factory, meters, TimeProvider.System, NullLogger<KafkaConsumerLoop>.Instance);
        var consumer = new RollupConsumer(loop, new RollupSessions(new OffsetStore(database.DataSource), new RollupWriter(database.DataSource), new RollupMetrics(meters),
            Options.Create(new RollupOptions())), Options.Create(new RollupOptions()), TimeProvider.System, NullLogger<RollupConsumer>.Instance);
        var wall = Stopwatch.StartNew();
        await consumer.StartAsync(cancellationToken);
        var (firstCommit, firstOffsets, lastCommit) = await WaitForOffsetsAsync(Ends(backlog), cancellationToken);
        // From the first commit on: the samples of the first flush were read before it, in time not measured here.
        var firstSamples = backlog.GroupBy(r => r.Partition).Sum(g => g.Take((int)firstOffsets.GetValueOrDefault(g.Key)).Sum(r => (long)r.Samples));
        var consumerRate = (backlogSamples - firstSamples) / (lastCommit - firstCommit).TotalSeconds;
        var consumerWall = wall.Elapsed.TotalSeconds;
        var rowsWritten = meters.Total("perfmon.analytics.flush.rows");
        var readBack = meters.Total("perfmon.analytics.flush.read_back_rows");
        var flushes = meters.FlushSeconds;

        var (producedRate, liveRate, lags, liveSamples) = await LiveAsync(producer, stream, liveSeconds, cancellationToken);
        await consumer.StopAsync(CancellationToken.None);
        var counted = await CountAsync(cancellationToken);
        var (copyRows, copySeconds) = await CopyBaselineAsync((long)rowsWritten, cancellationToken);

        return new ThroughputResult(read, aggregate, backlogSamples / copySeconds, copyRows / copySeconds,
            consumerRate, consumerWall, rowsWritten, readBack, Percentile(flushes, 0.5) * 1000, flushes.Count == 0 ? 0 : flushes[^1] * 1000,
            producedRate, liveRate, Percentile(lags, 0.5), Percentile(lags, 0.99), lags.Count == 0 ? 0 : lags[^1], counted == backlogSamples + liveSamples);
    }

    /// <summary>The embedded broker drops a partition's oldest data past 5 MiB; a run that hit that is refused.</summary>
    private void CheckNothingDropped(KafkaClientFactory factory)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(factory.CreateConsumerConfig($"bench-check-{Guid.NewGuid():N}")).Build();
        for (var p = 0; p < partitions; p++)
        {
            var marks = consumer.QueryWatermarkOffsets(new TopicPartition(Topics.Samples, p), TimeSpan.FromSeconds(10));
            if (marks.Low.Value != 0)
            {
                throw new InvalidOperationException($"The broker dropped the start of partition {p} (retention); use fewer --samples.");
            }
        }
    }

    /// <summary>All partitions from the start, no group: records/s as samples/s; optionally decoded and aggregated as the consumer does.</summary>
    private double ReadWithoutWork(KafkaClientFactory factory, int records, long samples, bool aggregate)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(factory.CreateConsumerConfig($"bench-raw-{Guid.NewGuid():N}")).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(Topics.Samples, p, Offset.Beginning)));
        var pending = new MinuteAggregator();
        var state = new PartitionState();
        var stored = new HashSet<long>();
        var watch = Stopwatch.StartNew();
        for (var seen = 0; seen < records;)
        {
            if (consumer.Consume(TimeSpan.FromSeconds(10)) is not { Message: not null } record)
            {
                throw new InvalidOperationException($"Read {seen} of {records} records.");
            }
            seen++;
            if (aggregate)
            {
                pending.Add(record.Partition.Value, record.Offset.Value, long.MaxValue, record.Message.Value, stored, state);
                if (pending.Cells.Count >= new RollupOptions().MaxPendingCells)
                {
                    pending.Clear();
                }
            }
        }
        return samples / watch.Elapsed.TotalSeconds;
    }

    private Dictionary<int, long> Ends(IEnumerable<SampleStream.Record> records) =>
        records.GroupBy(r => r.Partition).ToDictionary(g => g.Key, g => (long)g.Count());

    /// <summary>Polls the stored offsets until every partition reached its end; returns when the first and the last progress was seen.</summary>
    private async Task<(TimeSpan First, Dictionary<int, long> FirstOffsets, TimeSpan Last)> WaitForOffsetsAsync(Dictionary<int, long> ends, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        (TimeSpan Time, Dictionary<int, long> Offsets)? first = null;
        while (true)
        {
            var offsets = await OffsetsAsync(cancellationToken);
            if (first is null && offsets.Count > 0)
            {
                first = (watch.Elapsed, offsets);
            }
            if (ends.All(e => offsets.GetValueOrDefault(e.Key) >= e.Value))
            {
                return first is { } f ? (f.Time, f.Offsets, watch.Elapsed) : (TimeSpan.Zero, [], watch.Elapsed);
            }
            if (watch.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException("The consumer did not drain the backlog in 10 minutes.");
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>
    /// Produces at the stream's rate in 100 ms steps while, at the same time, timing each record from produce to its
    /// offset stored in PostgreSQL (lag); the rate is the samples over the time until the last of them was committed.
    /// </summary>
    private async Task<(double ProducedRate, double Rate, List<double> LagsMs, long Samples)> LiveAsync(
        IProducer<byte[], byte[]> producer, SampleStream stream, int seconds, CancellationToken cancellationToken)
    {
        var step = TimeSpan.FromMilliseconds(100);
        var perStep = (long)(rate * step.TotalSeconds);
        // Built before the clock starts, with the event times they will be sent at: the producer's own work stays out of the lag.
        var lead = TimeSpan.FromSeconds(1);
        var startMs = DateTimeOffset.UtcNow.Add(lead).ToUnixTimeMilliseconds();
        var steps = Enumerable.Range(0, seconds * 10).Select(i => stream.Next(startMs + (long)(i * step.TotalMilliseconds), perStep)).ToList();
        var samples = steps.Sum(s => s.Sum(r => (long)r.Samples));
        var wait0 = DateTimeOffset.FromUnixTimeMilliseconds(startMs) - DateTimeOffset.UtcNow;
        if (wait0 > TimeSpan.Zero)
        {
            await Task.Delay(wait0, cancellationToken);
        }
        var inFlight = Enumerable.Range(0, partitions).Select(_ => new ConcurrentQueue<LiveRecord>()).ToArray();
        var clock = Stopwatch.StartNew();
        var producing = Task.Run(() => ProduceLiveAsync(producer, steps, step, inFlight, clock, cancellationToken), cancellationToken);
        var lags = new List<double>();
        var counted = 0L;
        while (counted < samples)
        {
            await Task.Delay(Poll, cancellationToken);
            var offsets = await OffsetsAsync(cancellationToken);
            var now = clock.ElapsedTicks;
            foreach (var queue in inFlight)
            {
                while (queue.TryPeek(out var r) && r.Delivery.IsCompleted
                    && (await r.Delivery).Offset.Value < offsets.GetValueOrDefault(r.Partition))
                {
                    queue.TryDequeue(out _);
                    lags.AddRange(Enumerable.Repeat((now - r.SentTicks) * 1000.0 / Stopwatch.Frequency, r.Samples));
                    counted += r.Samples;
                }
            }
            if (producing.IsFaulted)
            {
                await producing;
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds) + TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException("The consumer did not catch up with the live stream in 10 minutes.");
            }
        }
        var elapsed = clock.Elapsed;
        var produced = await producing;
        lags.Sort();
        return (samples / produced.TotalSeconds, samples / elapsed.TotalSeconds, lags, samples);
    }

    private static async Task<TimeSpan> ProduceLiveAsync(IProducer<byte[], byte[]> producer, List<List<SampleStream.Record>> steps, TimeSpan step,
        ConcurrentQueue<LiveRecord>[] inFlight, Stopwatch clock, CancellationToken cancellationToken)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            foreach (var r in steps[i])
            {
                var delivery = producer.ProduceAsync(new TopicPartition(Topics.Samples, r.Partition), new Message<byte[], byte[]> { Key = r.Key, Value = r.Value }, cancellationToken);
                inFlight[r.Partition].Enqueue(new LiveRecord(r.Partition, delivery, clock.ElapsedTicks, r.Samples));
            }
            var wait = (step * (i + 1)) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }
        return clock.Elapsed;
    }

    private sealed record LiveRecord(int Partition, Task<DeliveryResult<byte[], byte[]>> Delivery, long SentTicks, int Samples);

    private async Task<Dictionary<int, long>> OffsetsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT partition, next_offset FROM perfmon.consumer_offsets WHERE consumer_group = $1 AND topic = $2");
        command.Parameters.AddWithValue(RollupOptions.ConsumerGroup);
        command.Parameters.AddWithValue(Topics.Samples);
        var offsets = new Dictionary<int, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            offsets[reader.GetInt32(0)] = reader.GetInt64(1);
        }
        return offsets;
    }

    private async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT coalesce(sum(count), 0)::bigint FROM perfmon.rollups_1m");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Binary COPY of as many rows as the consumer wrote, taken from the rows it left, into an unindexed table of the same shape.</summary>
    private async Task<(long Rows, double Seconds)> CopyBaselineAsync(long rows, CancellationToken cancellationToken)
    {
        var stored = new List<(long SeriesId, DateTime Bucket, long Count, double Sum, double Min, double Max, double Last, long LastAtMs, double Increase, byte[] Sketch)>();
        await using (var command = database.DataSource.CreateCommand("SELECT series_id, bucket, count, sum, min, max, last, last_at_ms, increase, sketch FROM perfmon.rollups_1m"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add((reader.GetInt64(0), reader.GetDateTime(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5),
                    reader.GetDouble(6), reader.GetInt64(7), reader.GetDouble(8), (byte[])reader[9]));
            }
        }
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE copy_baseline (LIKE perfmon.rollups_1m)", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var watch = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY copy_baseline (series_id, bucket, count, sum, min, max, last, last_at_ms, increase, sketch) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (long i = 0; i < rows; i++)
            {
                var r = stored[(int)(i % stored.Count)];
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(r.SeriesId, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(r.Bucket, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(r.Count, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(r.Sum, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(r.Min, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(r.Max, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(r.Last, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(r.LastAtMs, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(r.Increase, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(r.Sketch, NpgsqlDbType.Bytea, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        return (rows, watch.Elapsed.TotalSeconds);
    }

    private static double Percentile(IReadOnlyList<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, q * sorted.Count)];
}

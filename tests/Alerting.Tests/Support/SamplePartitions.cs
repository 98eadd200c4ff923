using Confluent.Kafka;
using Google.Protobuf;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// Samples written to a chosen partition of perfmon.samples.v1, and rounds of probe samples that show how two replicas
/// share those partitions: a probe on each partition, each a series of its own on a rule that never fires, makes a new
/// alert instance on the replica that reads that partition.
/// </summary>
public sealed class SamplePartitions(string bootstrapServers) : IDisposable
{
    private static readonly TimeSpan RoundPatience = TimeSpan.FromSeconds(10);

    private readonly IProducer<byte[], byte[]> producer =
        new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 0 }).Build();

    /// <summary>True for a round read in full, part of it by each replica.</summary>
    public static bool IsSplit((int First, int Other) round) =>
        round.First > 0 && round.Other > 0 && round.First + round.Other == KafkaFixture.Partitions;

    public async Task ProduceAsync(int partition, string metric, Dictionary<string, string> labels, double[] values)
    {
        var sorted = labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new Label { Name = l.Key, Value = l.Value }).ToList();
        var seriesId = SeriesId.Compute(metric, sorted);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var batch = new SampleBatch();
        foreach (var value in values)
        {
            var sample = new Sample { SeriesId = seriesId, Metric = metric, Value = value, TimestampUnixMs = now };
            sample.Labels.AddRange(sorted);
            batch.Samples.Add(sample);
        }
        await producer.ProduceAsync(new TopicPartition(Topics.Samples, new Partition(partition)),
            new Message<byte[], byte[]> { Key = BitConverter.GetBytes(seriesId), Value = batch.ToByteArray() });
    }

    /// <summary>
    /// Probe rounds of <paramref name="metric"/> until one is split between the two engines (<see cref="IsSplit"/>) or
    /// <paramref name="patience"/> has passed. Returns how many probes of each round each engine read; the last round is
    /// the split when there was one. A round may find partitions between owners: it is only looked at, then the next
    /// round tries again.
    /// </summary>
    public async Task<List<(int First, int Other)>> ProbeSplitAsync(AlertEngine first, AlertEngine other, string metric, TimeSpan patience)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        var rounds = new List<(int First, int Other)>();
        for (var round = 0; DateTimeOffset.UtcNow < deadline; round++)
        {
            var (before, otherBefore) = (first.Count, other.Count);
            for (var partition = 0; partition < KafkaFixture.Partitions; partition++)
            {
                await ProduceAsync(partition, metric, new Dictionary<string, string> { ["round"] = $"{round}", ["p"] = $"{partition}" }, [1]);
            }
            var roundEnds = DateTimeOffset.UtcNow + RoundPatience;
            var settled = (First: 0, Other: 0);
            while (settled.First + settled.Other < KafkaFixture.Partitions && DateTimeOffset.UtcNow < roundEnds)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
                settled = (first.Count - before, other.Count - otherBefore);
            }
            rounds.Add(settled);
            if (IsSplit(settled))
            {
                break;
            }
        }
        return rounds;
    }

    public void Dispose() => producer.Dispose();
}

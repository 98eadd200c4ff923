using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Anomalies;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Analytics.Tests;

public sealed class AnomalyDetectionServiceTests(AnalyticsDatabase postgres, KafkaFixture kafka) : IClassFixture<AnalyticsDatabase>, IClassFixture<KafkaFixture>, IAsyncLifetime
{
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task A_spike_in_closed_minutes_is_stored_once_and_published_as_AnomalyDetected()
    {
        var service = $"svc{Guid.NewGuid():N}"[..12];
        var start = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
        var random = new Random(3);
        var values = Enumerable.Range(0, 120).Select(i => i == 100 ? 400 : 100 + (random.NextDouble() * 10)).ToList();
        await WriteAsync(service, start, values);
        var factory = new KafkaClientFactory(Options.Create(new KafkaOptions { BootstrapServers = kafka.BootstrapServers }));
        using var publisher = new EventPublisher(factory);
        var store = new AnomalyStore(dataSource);
        var reporter = new AnomalyReporter(store, publisher, new FixedClock(start.AddHours(3)), new NoMeters(), NullLogger<AnomalyReporter>.Instance);
        var detection = new AnomalyScan(dataSource, reporter, Options.Create(new AnomalyOptions()));

        var first = await detection.ProcessAsync(start.AddMinutes(-1), start.AddMinutes(119), start, CancellationToken.None);
        var replay = new AnomalyScan(dataSource, reporter, Options.Create(new AnomalyOptions()));
        var again = await replay.ProcessAsync(start.AddMinutes(-1), start.AddMinutes(119), start, CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(0, again);
        var stored = Assert.Single(await store.ListAsync(null, new Dictionary<string, string> { ["service"] = service }, start, start.AddHours(2), "info", 10, CancellationToken.None));
        Assert.Equal(start.AddMinutes(100), stored.Time);
        Assert.Equal(400, stored.Value);
        Assert.InRange(stored.Expected, 100, 110);
        Assert.True(stored.Upper < 400 && stored.Lower < stored.Expected);
        Assert.Equal("critical", stored.Severity);

        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers, GroupId = $"g{Guid.NewGuid():N}", AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(Topics.Events);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        ConsumeResult<string, byte[]>? found = null;
        while (found is null && DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromSeconds(1));
            if (record?.Message is { } message && message.Key == stored.SeriesId)
            {
                found = record;
            }
        }
        Assert.NotNull(found);
        Assert.Equal("AnomalyDetected", Encoding.UTF8.GetString(found.Message.Headers.GetLastBytes("type")));
        var body = JsonDocument.Parse(found.Message.Value).RootElement;
        Assert.Equal(stored.Id, body.GetProperty("id").GetGuid());
        Assert.Equal(400, body.GetProperty("value").GetDouble());
    }

    private async Task WriteAsync(string service, DateTimeOffset start, IReadOnlyList<double> values)
    {
        var pending = new MinuteAggregator(TimeSpan.FromDays(1000));
        var batch = new SampleBatch();
        for (var i = 0; i < values.Count; i++)
        {
            var sample = new Sample { Metric = "anomaly_test_ms", Value = values[i], TimestampUnixMs = start.AddMinutes(i).ToUnixTimeMilliseconds(), Kind = MetricKind.Gauge };
            sample.Labels.Add(new Label { Name = "service", Value = service });
            sample.SeriesId = SeriesId.Compute(sample.Metric, sample.Labels);
            batch.Samples.Add(sample);
        }
        pending.Add(0, 0, batch, new HashSet<long>(), new PartitionState());
        await new RollupWriter(dataSource).WriteAsync(pending, new Dictionary<int, long>(), "a", $"t{Guid.NewGuid():N}", CancellationToken.None);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Anomalies;
using PerfMonitor.Analytics.Health;
using PerfMonitor.Analytics.Performance;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Analytics.Tests;

public sealed class HealthScoreTests(AnalyticsDatabase postgres, KafkaFixture kafka) : IClassFixture<AnalyticsDatabase>, IClassFixture<KafkaFixture>, IAsyncLifetime
{
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task A_service_with_a_full_pool_slow_route_and_errors_scores_low_with_recommendations_naming_the_causes()
    {
        var now = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        var healthy = $"ok{Guid.NewGuid():N}"[..10];
        var sick = $"bad{Guid.NewGuid():N}"[..10];
        var samples = new List<Sample>();
        for (var minute = 1; minute <= 15; minute++)
        {
            var time = now.AddMinutes(-minute).AddSeconds(10);
            for (var i = 0; i < 20; i++)
            {
                samples.Add(Sample("http_request_duration_ms", 50 + i, time, ("service", healthy), ("route", "/home"), ("status", "200")));
                samples.Add(Sample("http_request_duration_ms", 50 + i, time, ("service", sick), ("route", "/home"), ("status", "200")));
                samples.Add(Sample("http_request_duration_ms", 2_500 + i, time, ("service", sick), ("route", "/report"), ("status", i < 5 ? "500" : "200")));
            }
            samples.Add(Sample("cpu_usage_percent", 20, time, ("service", healthy)));
            samples.Add(Sample("db_pool_utilization_percent", 92, time, ("service", sick)));
        }
        await WriteAsync(samples);
        var factory = new KafkaClientFactory(Options.Create(new KafkaOptions { BootstrapServers = kafka.BootstrapServers }));
        using var publisher = new EventPublisher(factory);
        var scorer = new HealthScorer(dataSource, new AnomalyStore(dataSource), Options.Create(new HealthOptions()), Options.Create(new MetricConventions()));
        var job = new HealthScoreJob(dataSource, scorer, publisher, new FixedClock(now), Options.Create(new HealthOptions()), NullLogger<HealthScoreJob>.Instance);

        var changes = await job.RunOnceAsync(CancellationToken.None);
        var again = await job.RunOnceAsync(CancellationToken.None);
        var scores = await HealthApi.ComputeAsync(scorer, now, null, 1, CancellationToken.None);

        var good = scores.Services.Single(s => s.Service == healthy);
        var bad = scores.Services.Single(s => s.Service == sick);
        Assert.Equal("excellent", good.Status);
        Assert.True(good.Score >= 95, $"healthy scored {good.Score}");
        Assert.True(bad.Score < 60, $"sick scored {bad.Score}");
        Assert.Contains(bad.Recommendations, r => r.Contains("pool utilization 92%", StringComparison.Ordinal));
        Assert.Contains(bad.Recommendations, r => r.Contains("/report p95", StringComparison.Ordinal));
        Assert.Contains(bad.Recommendations, r => r.Contains("Error rate", StringComparison.Ordinal));
        Assert.Equal(0.125, bad.Components.Single(c => c.Name == "errors").Value);
        Assert.Contains(changes, c => c.Service == sick && c.PreviousStatus is null && c.Status == bad.Status);
        Assert.DoesNotContain(again, c => c.Service == sick);
        Assert.NotEmpty(bad.History);
    }

    private static Sample Sample(string metric, double value, DateTimeOffset time, params (string Name, string Value)[] labels)
    {
        var sample = new Sample { Metric = metric, Value = value, TimestampUnixMs = time.ToUnixTimeMilliseconds(), Kind = MetricKind.Gauge };
        foreach (var (name, labelValue) in labels.OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            sample.Labels.Add(new Label { Name = name, Value = labelValue });
        }
        sample.SeriesId = SeriesId.Compute(metric, sample.Labels);
        return sample;
    }

    private async Task WriteAsync(IEnumerable<Sample> samples)
    {
        var pending = new MinuteAggregator(TimeSpan.FromDays(1000));
        var batch = new SampleBatch();
        batch.Samples.AddRange(samples);
        pending.Add(0, 0, batch, new HashSet<long>(), new PartitionState());
        await new RollupWriter(dataSource).WriteAsync(pending, new Dictionary<int, long>(), "h", $"t{Guid.NewGuid():N}", CancellationToken.None);
    }
}

using PerfMonitor.Contracts.V1;

namespace PerfMonitor.LoadGen;

/// <summary>
/// A realistic mix over a fixed set of series: request latency per service and route (log-normal, with
/// occasional incidents that multiply one service's latency), request counters, and host CPU and memory gauges.
/// Every series carries the run id, so the run's samples can be counted back exactly.
/// </summary>
public sealed class Workload(string runId, LoadOptions options)
{
    public static readonly string[] Metrics = ["load_http_request_duration_ms", "load_http_requests_total", "load_host_cpu_usage_percent", "load_host_memory_usage_percent"];
    private readonly long[] counters = new long[options.Series];
    private long next;

    public string RunId => runId;

    /// <summary>The next batch, cycling through the series so each gets samples at the same pace.</summary>
    public SampleBatch NextBatch(long nowMs)
    {
        var batch = new SampleBatch();
        var random = Random.Shared;
        for (var n = 0; n < options.BatchSize; n++)
        {
            var index = (int)(Interlocked.Increment(ref next) % options.Series);
            batch.Samples.Add(SampleFor(index, nowMs, random));
        }
        return batch;
    }

    private Sample SampleFor(int index, long nowMs, Random random)
    {
        var family = index % Metrics.Length;
        var k = index / Metrics.Length;
        var service = $"svc{k % options.Services}";
        var sample = new Sample { Metric = Metrics[family], TimestampUnixMs = nowMs };
        switch (family)
        {
            case 0:
                var incident = (nowMs / 10_000 % 6 == 0) && k % options.Services == 0 ? 10 : 1;
                sample.Value = Math.Exp(3.9 + (0.5 * Gaussian(random))) * incident;
                sample.Kind = MetricKind.Histogram;
                sample.Unit = "ms";
                Add(sample, ("route", $"/api/r{k / options.Services}"), ("service", service));
                break;
            case 1:
                sample.Value = Interlocked.Add(ref counters[index], 1 + random.Next(10));
                sample.Kind = MetricKind.Counter;
                Add(sample, ("route", $"/api/r{k / options.Services}"), ("service", service));
                break;
            default:
                sample.Value = Math.Clamp(40 + (15 * Gaussian(random)), 0, 100);
                sample.Kind = MetricKind.Gauge;
                sample.Unit = "%";
                Add(sample, ("host", $"host{k}"));
                break;
        }
        return sample;
    }

    private void Add(Sample sample, params (string Name, string Value)[] labels)
    {
        foreach (var (name, value) in labels.Append(("run", runId)).OrderBy(l => l.Item1, StringComparer.Ordinal))
        {
            sample.Labels.Add(new Label { Name = name, Value = value });
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

using Google.Protobuf;
using PerfMonitor.Contracts.Prometheus;

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>
/// The series of a remote-write run as a Prometheus agent would label them (<c>__name__</c>, job, instance and a few
/// request labels, sorted by name as remote write requires), plus the run id so PerfMonitor can count them back. Each
/// series' labels are encoded once: only the sample changes from one request to the next.
/// </summary>
public sealed class SeriesSet
{
    public const string RunLabel = "run";
    private const int Instances = 50;
    private const int Services = 20;

    private SeriesSet(string runId, IReadOnlyList<string> metricNames, byte[][] encodedLabels)
    {
        RunId = runId;
        MetricNames = metricNames;
        EncodedLabels = encodedLabels;
    }

    public string RunId { get; }

    public IReadOnlyList<string> MetricNames { get; }

    /// <summary>Per series, its labels as the body of a <c>prometheus.TimeSeries</c> (field 1, repeated).</summary>
    public IReadOnlyList<byte[]> EncodedLabels { get; }

    public int Count => EncodedLabels.Count;

    public static SeriesSet Create(string runId, int series, int metrics)
    {
        var names = Enumerable.Range(0, metrics).Select(m => $"loadrw_request_duration_ms_{m}").ToList();
        var encoded = new byte[series][];
        for (var index = 0; index < series; index++)
        {
            encoded[index] = new TimeSeries { Labels = { Labels(runId, names[index % metrics], index / metrics) } }.ToByteArray();
        }
        return new SeriesSet(runId, names, encoded);
    }

    /// <summary>Sorted by name; <paramref name="k"/> (the series' number within its metric) makes instance and route unique.</summary>
    private static IEnumerable<Label> Labels(string runId, string metric, int k) =>
    [
        new() { Name = "__name__", Value = metric },
        new() { Name = "instance", Value = $"host{k % Instances}:9100" },
        new() { Name = "job", Value = "loadgen" },
        new() { Name = "method", Value = "GET" },
        new() { Name = "route", Value = $"/api/r{k / Instances}" },
        new() { Name = RunLabel, Value = runId },
        new() { Name = "service", Value = $"svc{k % Services}" },
    ];
}

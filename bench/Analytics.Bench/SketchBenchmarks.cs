using BenchmarkDotNet.Attributes;
using PerfMonitor.Analytics.Sketches;

namespace PerfMonitor.Analytics.Bench;

/// <summary>
/// The DDSketch work of the rollup path: inserting a minute's values, merging a stored sketch into the open one
/// (the flush's read-modify-write), and the compact encoding both ways. Insert is per 10,000 values.
/// </summary>
[MemoryDiagnoser]
public class SketchBenchmarks
{
    private const int Values = 10_000;
    private double[] latencies = [];
    private DDSketch stored = new();
    private byte[] encoded = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        latencies = Enumerable.Range(0, Values).Select(_ => Math.Exp(random.NextDouble() * 7)).ToArray();
        stored = DDSketch.FromValues(latencies);
        encoded = stored.Serialize();
    }

    [Benchmark]
    public DDSketch Insert10k() => DDSketch.FromValues(latencies);

    [Benchmark]
    public long Merge()
    {
        var open = stored.Clone();
        open.Merge(stored);
        return open.Count;
    }

    [Benchmark]
    public byte[] Serialize() => stored.Serialize();

    [Benchmark]
    public DDSketch Deserialize() => DDSketch.Deserialize(encoded);

    [Benchmark]
    public double P99() => stored.Quantile(0.99);
}

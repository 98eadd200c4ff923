using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Results;
using PerfMonitor.PromQL.Storage.InMemory;

namespace PerfMonitor.PromQL.Tests.Evaluation;

/// <summary>Small hand-made series and queries over them for the evaluator's tests. Times are seconds from 0.</summary>
internal static class TestData
{
    public static RawSeries Series(string name, (string Name, string Value)[] labels, params (double Seconds, double Value)[] samples) =>
        new(LabelSet.Of([(LabelSet.MetricName, name), .. labels]),
            samples.Select(s => (long)(s.Seconds * 1000)).ToArray(), samples.Select(s => s.Value).ToArray());

    public static RawSeries Series(string name, params (double Seconds, double Value)[] samples) => Series(name, [], samples);

    public static PromQLEngine Engine(params RawSeries[] series) => new(new InMemorySeriesSource(series, [0]));

    public static async Task<IReadOnlyList<InstantSample>> InstantAsync(PromQLEngine engine, string query, double seconds)
    {
        var result = await engine.InstantQueryAsync(query, (long)(seconds * 1000), CancellationToken.None);
        return Assert.IsType<VectorResult>(result.Value).Samples;
    }

    public static async Task<double> SingleAsync(PromQLEngine engine, string query, double seconds) =>
        Assert.Single(await InstantAsync(engine, query, seconds)).Value;
}

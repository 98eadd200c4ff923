using PerfMonitor.PromQL.Results;

namespace PerfMonitor.PromQL.Tests.Conformance;

/// <summary>The conformance comparison must be able to fail: different values, series or types are reported.</summary>
public class ResultComparerTests
{
    private static readonly Dictionary<string, string> Job = new() { ["job"] = "a" };

    [Fact]
    public void Values_more_than_the_tolerance_apart_differ()
    {
        var expected = new VectorData([new VectorItem(Job, new SamplePair(1_000, 100))]);
        var close = new VectorData([new VectorItem(Job, new SamplePair(1_000, 100.9))]);
        var far = new VectorData([new VectorItem(Job, new SamplePair(1_000, 101.1))]);

        Assert.Empty(ResultComparer.Differences(expected, close, 0.01, out var compared));
        Assert.Single(ResultComparer.Differences(expected, far, 0.01, out _));
        Assert.Equal(1, compared);
    }

    [Fact]
    public void Missing_and_extra_series_and_timestamps_differ()
    {
        var expected = new MatrixData([new MatrixItem(Job, [new SamplePair(1_000, 1), new SamplePair(2_000, 1)])]);
        var actual = new MatrixData([
            new MatrixItem(Job, [new SamplePair(1_000, 1)]),
            new MatrixItem(new Dictionary<string, string> { ["job"] = "b" }, [new SamplePair(1_000, 1)])]);

        var differences = ResultComparer.Differences(expected, actual, 0.01, out _);

        Assert.Equal(2, differences.Count);
        Assert.Single(ResultComparer.Differences(expected, new ScalarData(new SamplePair(1_000, 1)), 0.01, out _));
    }
}

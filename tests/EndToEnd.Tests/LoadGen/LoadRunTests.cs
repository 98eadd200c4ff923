using PerfMonitor.LoadGen;

namespace PerfMonitor.EndToEnd.Tests.LoadGen;

/// <summary>
/// The whole-system load generator at CI size: it boots its own system, sends a mixed gRPC/JSON workload and
/// counts it back. Correctness only (nothing lost, nothing counted twice); speed is measured in bench/, never here.
/// </summary>
[Trait("Category", "System")]
public sealed class LoadRunTests
{
    [Fact(Timeout = 240_000)]
    public async Task A_short_mixed_load_is_counted_back_exactly()
    {
        var options = new LoadOptions
        {
            Series = 400,
            BatchSize = 200,
            Senders = 2,
            Rate = 2_000,
            Duration = TimeSpan.FromSeconds(8),
            MeasureBaselines = false,
            Mix = new Dictionary<string, int> { ["grpc"] = 50, ["json"] = 50 },
        };

        var report = await new LoadRun(options, TextWriter.Null).RunAsync(CancellationToken.None);

        Assert.True(report.Acknowledged > 0, "nothing was acknowledged");
        Assert.Equal(0, report.InDoubt);
        Assert.Equal(report.Acknowledged, report.Counted);
        Assert.True(report.FreshnessProbes > 0, "no freshness probe completed");
    }
}

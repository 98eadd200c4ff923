using PerfMonitor.LoadGen;
using PerfMonitor.LoadGen.Charts;
using PerfMonitor.LoadGen.RemoteWrite;
using ScottPlot;

namespace PerfMonitor.EndToEnd.Tests.LoadGen;

/// <summary>The run charts hold exactly the panels they promise (ScottPlot's Multiplot brings an empty one of its own).</summary>
public sealed class ChartTests
{
    [Fact]
    public void The_comparison_chart_has_one_panel_per_system_and_no_blank_one()
    {
        var report = new ComparisonReport
        {
            RunId = "chart1",
            StartedAt = DateTimeOffset.UtcNow,
            Workload = new RemoteWriteOptions(),
            ProcessorCount = 2,
            Systems = [System("PerfMonitor"), System("Prometheus"), System("VictoriaMetrics")],
        };

        var chart = ComparisonChart.Draw(report);

        Assert.Equal(3, chart.GetPlots().Length);
        Assert.All(chart.GetPlots(), plot => Assert.NotEmpty(plot.GetPlottables()));
    }

    [Fact]
    public void The_load_chart_has_the_rate_and_the_memory_panel_and_no_blank_one()
    {
        var report = new LoadReport
        {
            RunId = "chart2",
            Mode = "faults",
            StartedAt = DateTimeOffset.UtcNow,
            Series = 10,
            Mix = new Dictionary<string, int> { ["grpc"] = 100 },
            DurationSeconds = 2,
            Faults = [new FaultOutcome("kafka outage", 1, 3, "broker down 5s")],
            Timeline = [new TimelinePoint(1, 100, 90, 5, new Dictionary<string, double> { ["collector"] = 200 }), new TimelinePoint(2, 120, double.NaN, 7, new Dictionary<string, double> { ["collector"] = 210 })],
        };

        var chart = LoadChart.Draw(report);

        Assert.Equal(2, chart.GetPlots().Length);
        Assert.All(chart.GetPlots(), plot => Assert.NotEmpty(plot.GetPlottables()));
    }

    private static SystemResult System(string name)
    {
        var phase = new PhaseResult
        {
            Label = "hold: 1k/s", Kind = PhaseKind.Hold, TargetPerSecond = 1_000, Offered = 2_000, StartSeconds = 0, SendSeconds = 2,
            Acknowledged = 2_000, InDoubt = 0, FailedRequests = 0, VisibleAfterSeconds = 0.5, CpuSeconds = 0.1, PeakRssMiB = 50, PeakPssMiB = 40,
            KeptUp = true, Verdict = "kept up",
        };
        return new SystemResult
        {
            Name = name, Version = "test", Auth = "none", UsageScope = "test", VisibleSource = "test", Phases = [phase],
            Acknowledged = 2_000, InDoubt = 0, Counted = 2_000,
            Timeline = [new RateTick(1, "hold", 1_000, 1_000, 900, 100, 0.1, 50, 40), new RateTick(2, "hold", 1_000, 1_000, 1_100, 0, 0.1, 50, 40)],
        };
    }
}

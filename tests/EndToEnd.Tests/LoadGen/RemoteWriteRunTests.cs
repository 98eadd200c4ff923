using PerfMonitor.Contracts;
using PerfMonitor.LoadGen;
using PerfMonitor.LoadGen.RemoteWrite;
using PerfMonitor.LoadGen.Usage;

namespace PerfMonitor.EndToEnd.Tests.LoadGen;

/// <summary>
/// The remote-write comparison at CI size: LoadGen boots its own PerfMonitor, starts Debian's Prometheus and
/// VictoriaMetrics, offers each the same tiny ramp, and counts every sample back. Correctness only: the rates and
/// ratios are measured in bench/, never asserted here; that the hold's CPU and memory are split by process is.
/// </summary>
[Trait("Category", "System")]
public sealed class RemoteWriteRunTests
{
    [Fact(Timeout = 300_000)]
    public async Task A_tiny_ramp_is_counted_back_exactly_on_PerfMonitor_and_both_peers_and_charted()
    {
        var output = Directory.CreateTempSubdirectory("perfmon-rw-smoke-").FullName;
        try
        {
            var options = LoadOptions.Parse([
                "--workload", "remote-write", "--peer", "prometheus,victoriametrics", "--series", "200", "--senders", "2",
                "--series-per-request", "50", "--steps", "400,800", "--step", "3s", "--hold", "3s", "--unpaced", "2s",
                "--idle-alert-probes", "2", "--out", output,
            ]);

            var report = await new RemoteWriteRun(options, TextWriter.Null).RunAsync(CancellationToken.None);
            var table = ComparisonTable.Format(report);
            var (json, png) = ReportWriter.Save(report, options.OutputDirectory);

            Assert.Equal(["PerfMonitor", "Prometheus", "VictoriaMetrics"], report.Systems.Select(s => s.Name));
            Assert.All(report.Systems, system =>
            {
                Assert.True(system.Acknowledged > 0, $"{system.Name}: nothing acknowledged");
                Assert.Equal(0, system.InDoubt);
                Assert.Equal(system.Acknowledged, system.Counted);
                Assert.Contains(system.Phases, p => p.Kind == PhaseKind.Hold);
                Assert.Contains(system.Phases, p => p.Kind == PhaseKind.Unpaced);
            });
            Assert.True(report.CountsMatch);
            Assert.Equal((2, 2), (report.PerfMonitor.Probes!.IdleAlertsInjected, report.PerfMonitor.Probes.IdleAlertsReceived));
            Assert.Contains("before the load (the first alerts after start)", table, StringComparison.Ordinal);
            var hold = report.PerfMonitor.Hold!;
            Assert.Equal(
                new[] { ResourceNames.Alerting, ResourceNames.Analytics, PerfMonitorProcesses.BrokerPart, ResourceNames.Collector, ResourceNames.Gateway, PerfMonitorProcesses.PostgresPart },
                hold.Parts.Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(hold.CpuSeconds, hold.Parts.Sum(p => p.CpuSeconds), 6);
            Assert.All(hold.Parts.Where(p => p.Name != PerfMonitorProcesses.BrokerPart), p => Assert.True(p.PeakPssMiB > 0, $"{p.Name}: no memory read"));
            Assert.All(report.Peers, peer => Assert.Empty(peer.Hold!.Parts));
            Assert.Contains("PerfMonitor / peer", table, StringComparison.Ordinal);
            Assert.Contains("hold by process", table, StringComparison.Ordinal);
            Assert.True(new FileInfo(json).Length > 0, "empty JSON report");
            Assert.Contains("\"cpuSecondsPerMillion\"", File.ReadAllText(json).Split("\"parts\"")[1], StringComparison.Ordinal);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}

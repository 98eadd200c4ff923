using PerfMonitor.Alerting.Expressions;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// The alerting service with expr rules evaluated every second against a Prometheus HTTP API: Debian's Prometheus, the
/// API analytics implements, named by service discovery's configuration as Aspire names the analytics service.
/// </summary>
public class PrometheusQueryHost : AlertingHost
{
    private readonly TempFolder folder = new("perfmon-prometheus");
    private ReadyProcess? prometheus;

    public Uri PrometheusUrl => prometheus?.Url ?? throw new InvalidOperationException("Prometheus has not started.");

    public override async Task InitializeAsync()
    {
        var config = Path.Combine(folder.Path, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  evaluation_interval: 1m\n");
        var data = Path.Combine(folder.Path, "data");
        await BeforePrometheusStartsAsync(data, folder.Path);
        prometheus = await ReadyProcess.StartAsync("/usr/bin/prometheus", port =>
        [
            $"--config.file={config}", $"--storage.tsdb.path={data}", $"--web.listen-address=127.0.0.1:{port}",
            "--log.level=warn",
        ], "Prometheus");
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (prometheus is not null)
        {
            await prometheus.DisposeAsync();
        }
        folder.Dispose();
    }

    /// <summary>Runs before Prometheus starts on the TSDB folder <paramref name="data"/>: a subclass may backfill blocks there.</summary>
    protected virtual Task BeforePrometheusStartsAsync(string data, string scratch) => Task.CompletedTask;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings[$"services:{AnalyticsQueries.ServiceName}:http:0"] = prometheus!.Url.ToString();
        settings["Alerting:ExprEvaluationInterval"] = "00:00:01";
    }
}

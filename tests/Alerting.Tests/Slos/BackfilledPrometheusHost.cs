using System.Diagnostics;
using System.Globalization;
using System.Text;
using PerfMonitor.Alerting.Expressions;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Slos;

/// <summary>
/// The alerting service with expr rules evaluated every second against Debian's Prometheus, started on TSDB blocks that
/// promtool backfilled from the counters of <see cref="Services"/>: seventy minutes of requests every 15 s, ending when
/// the fixture starts, so the burn-rate windows up to an hour have data.
/// </summary>
public sealed class BackfilledPrometheusHost : AlertingHost
{
    public const string Metric = "slo_requests_total";
    private static readonly TimeSpan History = TimeSpan.FromMinutes(70);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PromtoolTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Per service: requests per 15 s that succeed, and that fail with a 500.</summary>
    public static readonly IReadOnlyDictionary<string, (int Good, int Bad)> Services = new Dictionary<string, (int, int)>
    {
        ["burning"] = (50, 50),
        ["steady"] = (399, 1),
    };

    private readonly TempFolder folder = new("perfmon-slo-prometheus");
    private ReadyProcess? prometheus;

    public DateTimeOffset DataEnd { get; private set; }

    public override async Task InitializeAsync()
    {
        var data = Path.Combine(folder.Path, "data");
        var input = Path.Combine(folder.Path, "requests.om");
        DataEnd = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await File.WriteAllTextAsync(input, OpenMetrics(DataEnd));
        await BackfillAsync(input, data);
        var config = Path.Combine(folder.Path, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  evaluation_interval: 1m\n");
        prometheus = await ReadyProcess.StartAsync("/usr/bin/prometheus", port =>
        [
            $"--config.file={config}", $"--storage.tsdb.path={data}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
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

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings[$"services:{AnalyticsQueries.ServiceName}:http:0"] = prometheus!.Url.ToString();
        settings["Alerting:ExprEvaluationInterval"] = "00:00:01";
    }

    private static string OpenMetrics(DateTimeOffset end)
    {
        var text = new StringBuilder("# TYPE slo_requests counter\n");
        var steps = (int)(History / Interval);
        for (var i = 0; i <= steps; i++)
        {
            var at = (end - (steps - i) * Interval).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            foreach (var (service, (good, bad)) in Services)
            {
                text.Append(CultureInfo.InvariantCulture, $"{Metric}{{service=\"{service}\",code=\"200\"}} {i * good} {at}\n");
                text.Append(CultureInfo.InvariantCulture, $"{Metric}{{service=\"{service}\",code=\"500\"}} {i * bad} {at}\n");
            }
        }
        return text.Append("# EOF\n").ToString();
    }

    private static async Task BackfillAsync(string input, string data)
    {
        using var promtool = Process.Start(new ProcessStartInfo("/usr/bin/promtool", ["tsdb", "create-blocks-from", "openmetrics", "--quiet", input, data])
        {
            RedirectStandardError = true,
        })!;
        using var timeout = new CancellationTokenSource(PromtoolTimeout);
        var errors = promtool.StandardError.ReadToEndAsync(timeout.Token);
        await promtool.WaitForExitAsync(timeout.Token);
        Assert.True(promtool.ExitCode == 0, $"promtool could not backfill: {await errors}");
    }
}

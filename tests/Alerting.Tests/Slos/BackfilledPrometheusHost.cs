using System.Diagnostics;
using System.Globalization;
using System.Text;
using PerfMonitor.Alerting.Tests.Support;

namespace PerfMonitor.Alerting.Tests.Slos;

/// <summary>
/// <see cref="PrometheusQueryHost"/> with Prometheus started on TSDB blocks that promtool backfilled from the counters of
/// <see cref="Services"/>: seventy minutes of requests every 15 s, ending when the fixture starts, so the burn-rate
/// windows up to an hour have data.
/// </summary>
public sealed class BackfilledPrometheusHost : PrometheusQueryHost
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

    public DateTimeOffset DataEnd { get; private set; }

    protected override async Task BeforePrometheusStartsAsync(string data, string scratch)
    {
        var input = Path.Combine(scratch, "requests.om");
        DataEnd = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await File.WriteAllTextAsync(input, OpenMetrics(DataEnd));
        using var promtool = Process.Start(new ProcessStartInfo("/usr/bin/promtool", ["tsdb", "create-blocks-from", "openmetrics", "--quiet", input, data])
        {
            RedirectStandardError = true,
        })!;
        using var timeout = new CancellationTokenSource(PromtoolTimeout);
        var errors = promtool.StandardError.ReadToEndAsync(timeout.Token);
        await promtool.WaitForExitAsync(timeout.Token);
        Assert.True(promtool.ExitCode == 0, $"promtool could not backfill: {await errors}");
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
}

using System.Diagnostics;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts.V1;
using static PerfMonitor.Collector.Collectors.CollectedSample;

namespace PerfMonitor.Collector.Collectors.Http;

/// <summary>
/// Blackbox probes: GET each configured URL, record whether it answered with a success or redirect status (up 0/1),
/// the status code and the latency. One attempt per round and no retries, so the latency is the real one.
/// </summary>
public sealed class HttpProbeCollector(IngestPipeline pipeline, TimeProvider clock, IOptions<HttpProbeOptions> options, ILogger<HttpProbeCollector> logger)
    : PeriodicCollector(pipeline, clock, logger), IDisposable
{
    private readonly HttpClient client = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    protected override string Source => "http_probe";

    protected override CollectorOptions Settings => options.Value;

    protected override bool CanRun(out string reason)
    {
        reason = "no targets configured (Collector:Collectors:HttpProbes:Targets)";
        return options.Value.Targets.Count > 0;
    }

    protected override async Task CollectAsync(List<Sample> samples, CancellationToken cancellationToken)
    {
        var probes = await Task.WhenAll(options.Value.Targets.Select(target => ProbeAsync(target, cancellationToken)));
        samples.AddRange(probes.SelectMany(p => p));
    }

    public override void Dispose()
    {
        client.Dispose();
        base.Dispose();
    }

    private async Task<Sample[]> ProbeAsync(HttpProbeTarget target, CancellationToken cancellationToken)
    {
        var url = target.Url!;
        var labels = new[] { ("target", target.Name ?? url.Authority), ("url", url.GetLeftPart(UriPartial.Path)) };
        var status = 0;
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Refused, unresolvable or too slow: down, with status code 0.
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        return
        [
            Gauge("probe_up", status is >= 200 and < 400 ? 1 : 0, "1", labels),
            Gauge("probe_http_status_code", status, "", labels),
            Gauge("probe_duration_ms", elapsed.TotalMilliseconds, "ms", labels),
        ];
    }
}

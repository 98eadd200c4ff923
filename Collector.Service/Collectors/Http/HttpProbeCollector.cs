using System.Diagnostics;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Collectors.Common;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts.V1;
using static PerfMonitor.Collector.Collectors.Common.CollectedSample;

namespace PerfMonitor.Collector.Collectors.Http;

/// <summary>
/// Blackbox probes: GET each configured URL and read its body, record whether it answered with a success or redirect
/// status and a whole body within the size limit and the deadline (up 0/1), the status code and the latency to the
/// end of the body. One attempt per round and no retries, so the latency is the real one; why a probe is down is
/// logged.
/// </summary>
public sealed partial class HttpProbeCollector(IngestPipeline pipeline, TimeProvider clock, IOptions<HttpProbeOptions> options, ILogger<HttpProbeCollector> logger)
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
        string? failure;
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            var body = await ResponseBody.ReadAsync(response.Content, options.Value.MaxBodyBytes, "Collector:Collectors:HttpProbes:MaxBodyBytes", keep: false, timeout.Token);
            failure = body.Failure ?? (status is >= 200 and < 400 ? null : $"answered {status}");
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Refused, unresolvable, too slow or stalled: down (status code 0 when no status came).
            failure = ex is OperationCanceledException ? $"timed out after {options.Value.Timeout}" : ex.Message;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (failure is not null)
        {
            LogProbeDown(url, failure);
        }
        return
        [
            Gauge("probe_up", failure is null ? 1 : 0, "1", labels),
            Gauge("probe_http_status_code", status, "", labels),
            Gauge("probe_duration_ms", elapsed.TotalMilliseconds, "ms", labels),
        ];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe of {Url} is down: {Reason}")]
    private partial void LogProbeDown(Uri url, string reason);
}

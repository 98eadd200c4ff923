using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace PerfMonitor.LoadGen;

/// <summary>
/// End-to-end freshness: one probe sample at a time on its own series, timed from the send to its first
/// appearance in /api/v1/rollups through the gateway.
/// </summary>
public sealed class FreshnessProbe(HttpClient gateway, string runId, Stopwatch run)
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    /// <summary>Each probe's latency with the run time it was sent at, so a soak can compare early and late probes.</summary>
    public List<(double AtSeconds, double LatencyMs)> Probes { get; } = [];

    public List<double> LatenciesMs => Probes.ConvertAll(p => p.LatencyMs);

    public int Missed { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        for (var probe = 0; !cancellationToken.IsCancellationRequested; probe++)
        {
            try
            {
                var at = run.Elapsed.TotalSeconds;
                var watch = Stopwatch.StartNew();
                var sent = await gateway.PostAsJsonAsync("/api/v1/samples", new
                {
                    samples = new[] { new { metric = "load_probe", labels = new Dictionary<string, string> { ["run"] = runId, ["probe"] = $"p{probe}" }, value = 1 } },
                }, cancellationToken);
                if (!sent.IsSuccessStatusCode)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                    continue;
                }
                while (watch.Elapsed < GiveUp)
                {
                    var body = await gateway.GetFromJsonAsync<JsonElement>($"/api/v1/rollups?metric=load_probe&labels=run:{runId},probe:p{probe}", cancellationToken);
                    if (body.GetProperty("points").GetArrayLength() > 0)
                    {
                        Probes.Add((at, watch.Elapsed.TotalMilliseconds));
                        break;
                    }
                    await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
                }
                if (watch.Elapsed >= GiveUp)
                {
                    Missed++;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                // The gateway or analytics is down (fault mode); the next probe tries again.
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }
}

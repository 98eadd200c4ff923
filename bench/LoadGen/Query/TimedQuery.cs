using System.Diagnostics;

namespace PerfMonitor.LoadGen.Query;

/// <summary>One system's HTTP API: a query sent as Grafana sends it, timed from the request to the last byte of the answer.</summary>
public sealed class TimedQuery(HttpClient http)
{
    public async Task<(double Ms, PromAnswer Answer)> RunAsync(QuerySpec query, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(query.PathAndQuery, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var ms = watch.Elapsed.TotalMilliseconds;
            var answer = body.TrimStart().StartsWith('{') ? PromAnswer.Parse(body) : PromAnswer.Failed($"HTTP {(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
            return (ms, answer.Error is null && !response.IsSuccessStatusCode ? PromAnswer.Failed($"HTTP {(int)response.StatusCode}") : answer);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (watch.Elapsed.TotalMilliseconds, PromAnswer.Failed(ex.Message));
        }
    }
}

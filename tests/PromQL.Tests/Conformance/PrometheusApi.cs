using System.Globalization;
using System.Text.Json;
using PerfMonitor.PromQL.Results;

namespace PerfMonitor.PromQL.Tests.Conformance;

/// <summary>Runs queries on Prometheus's HTTP API and reads the answer with the engine's own response records.</summary>
public sealed class PrometheusApi(HttpClient http, Uri prometheus)
{
    public async Task<QueryResponse> InstantAsync(string query, long timeMs, CancellationToken cancellationToken) =>
        await GetAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}&time={Seconds(timeMs)}", cancellationToken);

    public async Task<QueryResponse> RangeAsync(string query, long startMs, long endMs, long stepMs, CancellationToken cancellationToken) =>
        await GetAsync($"/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={Seconds(startMs)}&end={Seconds(endMs)}&step={Seconds(stepMs)}", cancellationToken);

    private async Task<QueryResponse> GetAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(prometheus, pathAndQuery), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return JsonSerializer.Deserialize<QueryResponse>(body) ?? throw new InvalidOperationException($"empty answer to {pathAndQuery}");
    }

    private static string Seconds(long ms) => (ms / 1000.0).ToString(CultureInfo.InvariantCulture);
}

using System.Net;
using System.Text.Json;
using Npgsql;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

/// <summary>
/// Queries:MaxSeries and Prometheus:QueryTimeout through Prometheus's API (its own errors, named limits); PromQL's reads
/// are bounded by the query's own timeout, not the JSON API's Queries:StatementTimeout.
/// </summary>
public sealed class PrometheusApiLimitTests(AnalyticsDatabase postgres) : IClassFixture<AnalyticsDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM perfmon.series");
        if ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            // 20,000 minute rows with sketches: far more than a millisecond of work on any machine.
            await StoredSamples.WriteAsync(dataSource, Enumerable.Range(0, 100).SelectMany(series => Enumerable.Range(0, 200).Select(minute =>
                StoredSamples.Sample("load_latency_ms", [("route", $"/r{series}")], Start.AddMinutes(minute).AddSeconds(30).ToUnixTimeMilliseconds(), minute % 17))));
        }
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task More_series_than_Queries_MaxSeries_is_an_execution_error_422_naming_the_limit()
    {
        await using var host = await QueryApiHost.StartAsync(dataSource, new Dictionary<string, string?> { ["Queries:MaxSeries"] = "3" });

        var query = await ErrorAsync(await host.Http.GetAsync($"/api/v1/query?query=load_latency_ms&time={Start.AddHours(1).ToUnixTimeSeconds()}"), HttpStatusCode.UnprocessableEntity);
        var series = await ErrorAsync(await host.Http.GetAsync("/api/v1/series?match[]=load_latency_ms"), HttpStatusCode.UnprocessableEntity);
        var narrowed = await host.Http.GetAsync($"/api/v1/query?query={Uri.EscapeDataString("load_latency_ms{route=~\"/r1|/r2\"}")}&time={Start.AddHours(1).ToUnixTimeSeconds()}");

        Assert.Equal(("execution", "the query matches 100 series, more than the 3 one query may read; add label filters (query) to match fewer"), query);
        Assert.Equal("execution", series.Type);
        Assert.Contains("matches 100 series", series.Message);
        Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_query_past_Prometheus_QueryTimeout_is_a_timeout_error_503()
    {
        await using var host = await QueryApiHost.StartAsync(dataSource, new Dictionary<string, string?> { ["Prometheus:QueryTimeout"] = "00:00:00.001" });
        var query = Uri.EscapeDataString("quantile_over_time(0.9, load_latency_ms[10m])");

        var (type, message) = await ErrorAsync(await host.Http.GetAsync(
            $"/api/v1/query_range?query={query}&start={Start.ToUnixTimeSeconds()}&end={Start.AddMinutes(200).ToUnixTimeSeconds()}&step=60"), HttpStatusCode.ServiceUnavailable);

        // The deadline and the statement timeout are the same 1 ms: either may end the query first.
        Assert.Equal("timeout", type);
        Assert.StartsWith("query timed out in query execution", message);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_PromQL_read_runs_past_Queries_StatementTimeout_within_Prometheus_QueryTimeout()
    {
        await using var host = await QueryApiHost.StartAsync(dataSource, new Dictionary<string, string?> { ["Queries:StatementTimeout"] = "00:00:00.200" });
        var query = Uri.EscapeDataString("load_latency_ms{route=\"/r1\"}");
        await using var blocker = await dataSource.OpenConnectionAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        // The series lookup waits for this lock: a statement slower than the JSON API's 200 ms limit, but not slow.
        await using (var lockSeries = new NpgsqlCommand("LOCK TABLE perfmon.series IN ACCESS EXCLUSIVE MODE", blocker, transaction))
        {
            await lockSeries.ExecuteNonQueryAsync();
        }

        var answer = host.Http.GetAsync($"/api/v1/query?query={query}&time={Start.AddMinutes(200).ToUnixTimeSeconds()}");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var waited = !answer.IsCompleted;
        await transaction.RollbackAsync();
        var response = await answer;

        Assert.True(waited, $"the query ended while the lock was held: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("result");
        Assert.Equal("/r1", Assert.Single(result.EnumerateArray()).GetProperty("metric").GetProperty("route").GetString());
    }

    private static async Task<(string Type, string Message)> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("error", body.GetProperty("status").GetString());
        return (body.GetProperty("errorType").GetString()!, body.GetProperty("error").GetString()!);
    }
}

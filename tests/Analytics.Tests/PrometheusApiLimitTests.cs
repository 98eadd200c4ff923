using System.Net;
using System.Text.Json;
using Npgsql;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Analytics.Tests;

/// <summary>Queries:MaxSeries and Queries:StatementTimeout through Prometheus's API: its own errors, named limits.</summary>
public sealed class PrometheusApiLimitTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
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
    public async Task A_query_past_Queries_StatementTimeout_is_a_timeout_error_503()
    {
        await using var host = await QueryApiHost.StartAsync(dataSource, new Dictionary<string, string?> { ["Queries:StatementTimeout"] = "00:00:00.001" });
        var query = Uri.EscapeDataString("quantile_over_time(0.9, load_latency_ms[10m])");

        var (type, message) = await ErrorAsync(await host.Http.GetAsync(
            $"/api/v1/query_range?query={query}&start={Start.ToUnixTimeSeconds()}&end={Start.AddMinutes(200).ToUnixTimeSeconds()}&step=60"), HttpStatusCode.ServiceUnavailable);

        Assert.Equal("timeout", type);
        Assert.StartsWith("query timed out in query execution: the query ran past the 1 ms statement timeout", message);
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

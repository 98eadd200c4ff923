using System.Net;
using System.Text.Json;
using Grpc.Core;
using Npgsql;
using PerfMonitor.Analytics.Queries;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

/// <summary>Queries:MaxSeries and Queries:StatementTimeout through the service's own endpoints: REST, gRPC and JSON transcoding.</summary>
public sealed class QueryLimitTests(AnalyticsDatabase postgres) : IClassFixture<AnalyticsDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task Rollups_and_timeseries_matching_more_series_than_the_limit_get_422_naming_labels_with_the_count_and_limit()
    {
        var metric = await WriteRoutesAsync(routes: 5, minutes: 1);
        await using var host = await HostAsync("Queries:MaxSeries", "3");

        var rollups = await host.Http.GetAsync($"/api/v1/rollups?metric={metric}&{Range()}");
        var timeseries = await host.Http.GetAsync($"/api/v1/timeseries?metric={metric}&hours=1");
        var narrowed = await host.Http.GetAsync($"/api/v1/rollups?metric={metric}&labels=route:/r0&{Range()}");

        foreach (var response in new[] { rollups, timeseries })
        {
            var problem = await ProblemAsync(response);
            Assert.Equal("labels", problem.GetProperty("field").GetString());
            Assert.Equal(5, problem.GetProperty("found").GetInt32());
            Assert.Equal(3, problem.GetProperty("limit").GetInt32());
            Assert.Contains("add label filters (labels)", problem.GetProperty("detail").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await narrowed.Content.ReadAsStringAsync()).RootElement.GetProperty("series").GetInt32());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_series_listing_above_the_limit_gets_422_naming_limit()
    {
        var metric = await WriteRoutesAsync(routes: 5, minutes: 1);
        await using var host = await HostAsync("Queries:MaxSeries", "3");

        var above = await host.Http.GetAsync($"/api/v1/series?metric={metric}&limit=4");
        var within = await host.Http.GetAsync($"/api/v1/series?metric={metric}&limit=3");

        var problem = await ProblemAsync(above);
        Assert.Equal("limit", problem.GetProperty("field").GetString());
        Assert.Equal((4, 3), (problem.GetProperty("found").GetInt32(), problem.GetProperty("limit").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        Assert.Equal(3, JsonDocument.Parse(await within.Content.ReadAsStringAsync()).RootElement.GetProperty("count").GetInt32());
    }

    [Fact(Timeout = 120_000)]
    public async Task Over_gRPC_the_refusal_is_FAILED_PRECONDITION_with_the_REST_message_and_transcoding_answers_it_too()
    {
        var metric = await WriteRoutesAsync(routes: 5, minutes: 1);
        await using var host = await HostAsync("Queries:MaxSeries", "3");
        var rest = await ProblemAsync(await host.Http.GetAsync($"/api/v1/rollups?metric={metric}&{Range()}"));

        var rollups = await Assert.ThrowsAsync<RpcException>(async () => await host.Grpc.GetRollupsAsync(
            new RollupsRequest { Metric = metric, From = Start.ToString("o"), To = Start.AddHours(1).ToString("o") }));
        var series = await Assert.ThrowsAsync<RpcException>(async () => await host.Grpc.ListSeriesAsync(new SeriesRequest { Metric = metric, Limit = 4 }));
        var transcoded = await host.Http.GetAsync($"/api/v1/rpc/query/rollups?metric={metric}&{Range()}");

        Assert.Equal(StatusCode.FailedPrecondition, rollups.StatusCode);
        Assert.Equal(rest.GetProperty("detail").GetString(), rollups.Status.Detail);
        Assert.Equal("labels", rollups.Trailers.GetValue("field"));
        Assert.Equal(StatusCode.FailedPrecondition, series.StatusCode);
        Assert.Equal("limit", series.Trailers.GetValue("field"));
        Assert.Equal(HttpStatusCode.BadRequest, transcoded.StatusCode);
        Assert.Equal(rest.GetProperty("detail").GetString(), JsonDocument.Parse(await transcoded.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_query_past_the_statement_timeout_gets_422_naming_the_range_and_the_timeout_stays_in_its_transaction()
    {
        // 20,000 minute rows with sketches: far more than a millisecond of work on any machine.
        var metric = await WriteRoutesAsync(routes: 100, minutes: 200);
        await using var host = await HostAsync("Queries:StatementTimeout", "00:00:00.001");

        var rest = await host.Http.GetAsync($"/api/v1/rollups?metric={metric}&{Range(hours: 4)}&step=1m");
        var grpc = await Assert.ThrowsAsync<RpcException>(async () => await host.Grpc.GetRollupsAsync(
            new RollupsRequest { Metric = metric, From = Start.ToString("o"), To = Start.AddHours(4).ToString("o"), Step = "1m" }));

        var problem = await ProblemAsync(rest);
        Assert.Equal("from", problem.GetProperty("field").GetString());
        Assert.Equal(1, problem.GetProperty("timeoutMs").GetInt32());
        Assert.Contains("statement timeout", problem.GetProperty("detail").GetString());
        Assert.Contains("a larger step (step)", problem.GetProperty("detail").GetString());
        Assert.Equal(StatusCode.FailedPrecondition, grpc.StatusCode);
        // The pooled connections go back with the server's own timeout: the consumer and the jobs share them.
        await using var command = dataSource.CreateCommand("SHOW statement_timeout");
        Assert.Equal("0", await command.ExecuteScalarAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_query_endpoints_statements_run_without_JIT_and_the_pooled_connection_keeps_the_servers_setting()
    {
        var inside = await QueryTransaction.RunAsync(dataSource, TimeSpan.FromSeconds(10), async connection =>
        {
            await using var show = new NpgsqlCommand("SHOW jit", connection);
            return (string)(await show.ExecuteScalarAsync())!;
        }, CancellationToken.None);

        Assert.Equal("off", inside);
        await using var command = dataSource.CreateCommand("SHOW jit");
        Assert.Equal("on", await command.ExecuteScalarAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task Queries_within_the_default_limits_are_answered_whole()
    {
        var metric = await WriteRoutesAsync(routes: 3, minutes: 10);
        await using var host = await QueryApiHost.StartAsync(dataSource, new Dictionary<string, string?>());

        var response = await host.Http.GetAsync($"/api/v1/rollups?metric={metric}&{Range()}&agg=count");
        var series = await host.Http.GetAsync($"/api/v1/series?metric={metric}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, body.GetProperty("series").GetInt32());
        Assert.Equal(30, body.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("count").GetInt64()));
        Assert.Equal(HttpStatusCode.OK, series.StatusCode);
    }

    private Task<QueryApiHost> HostAsync(string setting, string value) =>
        QueryApiHost.StartAsync(dataSource, new Dictionary<string, string?> { [setting] = value });

    private static string Range(int hours = 1) => $"from={Uri.EscapeDataString(Start.ToString("o"))}&to={Uri.EscapeDataString(Start.AddHours(hours).ToString("o"))}";

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>One sample a minute for each route, from <see cref="Start"/>; returns the new metric's name.</summary>
    private async Task<string> WriteRoutesAsync(int routes, int minutes)
    {
        var metric = $"limits_{Guid.NewGuid():N}";
        var samples = Enumerable.Range(0, routes).SelectMany(r => Enumerable.Range(0, minutes).Select(m => (Route: $"/r{r}", Time: Start.AddMinutes(m), Value: (double)m)));
        await RouteSamples.WriteAsync(dataSource, metric, MetricKind.Histogram, samples);
        return metric;
    }
}

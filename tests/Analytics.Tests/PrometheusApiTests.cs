using System.Globalization;
using System.Net;
using System.Text.Json;
using Npgsql;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

/// <summary>Prometheus's HTTP API as the analytics service serves it: envelope, errors, GET and form POST, metadata endpoints.</summary>
public sealed class PrometheusApiTests(AnalyticsDatabase postgres) : IClassFixture<AnalyticsDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private static readonly long End = Start.AddHours(1).ToUnixTimeSeconds();

    private NpgsqlDataSource dataSource = null!;
    private QueryApiHost host = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
        await using (var command = dataSource.CreateCommand("SELECT count(*) FROM perfmon.series"))
        {
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                await StoredSamples.WriteAsync(dataSource, Samples());
            }
        }
        host = await QueryApiHost.StartAsync(dataSource, new Dictionary<string, string?>());
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await dataSource.DisposeAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task An_instant_query_answers_in_the_envelope_alike_by_GET_and_by_form_POST()
    {
        var get = await host.Http.GetAsync($"/api/v1/query?query={Escape("sum by (job) (rate(app_requests_total[5m]))")}&time={End}");
        var post = await host.Http.PostAsync("/api/v1/query", Form(("query", "sum by (job) (rate(app_requests_total[5m]))"), ("time", End.ToString(CultureInfo.InvariantCulture))));

        var body = await BodyAsync(get, HttpStatusCode.OK);
        Assert.Equal(body.ToString(), (await BodyAsync(post, HttpStatusCode.OK)).ToString());
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.False(body.TryGetProperty("warnings", out _));
        Assert.Equal("vector", body.GetProperty("data").GetProperty("resultType").GetString());
        var results = body.GetProperty("data").GetProperty("result").EnumerateArray().ToList();
        Assert.Equal(["api", "web"], results.Select(r => r.GetProperty("metric").GetProperty("job").GetString()).Order());
        Assert.All(results, r => Assert.Equal(End, r.GetProperty("value")[0].GetDouble()));
        // Each job: two instances counting 2 and 3 per 10 s.
        Assert.Equal(0.5, Value(results.Single(r => r.GetProperty("metric").GetProperty("job").GetString() == "api")), 9);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_range_query_answers_a_matrix_and_warns_when_the_step_is_finer_than_the_rollups()
    {
        var minute = await BodyAsync(await host.Http.GetAsync(Range("rate(app_requests_total[5m])", "60")), HttpStatusCode.OK);
        var seconds = await BodyAsync(await host.Http.GetAsync(Range("rate(app_requests_total[5m])", "30s")), HttpStatusCode.OK);
        var posted = await BodyAsync(await host.Http.PostAsync("/api/v1/query_range", Form(("query", "rate(app_requests_total[5m])"),
            ("start", Start.AddMinutes(10).ToString("o", CultureInfo.InvariantCulture)), ("end", End.ToString(CultureInfo.InvariantCulture)), ("step", "1m"))), HttpStatusCode.OK);

        Assert.Equal("matrix", minute.GetProperty("data").GetProperty("resultType").GetString());
        Assert.Equal(4, minute.GetProperty("data").GetProperty("result").GetArrayLength());
        Assert.Equal(51, minute.GetProperty("data").GetProperty("result")[0].GetProperty("values").GetArrayLength());
        Assert.False(minute.TryGetProperty("warnings", out _));
        Assert.Contains("finer resolution than is stored", Assert.Single(seconds.GetProperty("warnings").EnumerateArray()).GetString());
        Assert.Equal(minute.ToString(), posted.ToString());
    }

    [Fact(Timeout = 120_000)]
    public async Task Scalars_and_strings_answer_as_Prometheus_writes_them()
    {
        var scalar = await BodyAsync(await host.Http.GetAsync($"/api/v1/query?query={Escape("1 + 1")}&time=1435781451.781"), HttpStatusCode.OK);
        var text = await BodyAsync(await host.Http.GetAsync($"/api/v1/query?query={Escape("\"hi\"")}&time=2015-07-01T20:10:51.781Z"), HttpStatusCode.OK);

        Assert.Equal("""{"resultType":"scalar","result":[1435781451.781,"2"]}""", scalar.GetProperty("data").GetRawText());
        Assert.Equal("""{"resultType":"string","result":[1435781451.781,"hi"]}""", text.GetProperty("data").GetRawText());
    }

    [Theory(Timeout = 120_000)]
    [InlineData("/api/v1/query?query=", "invalid parameter \"query\": 1:1: parse error: no expression found in input")]
    [InlineData("/api/v1/query?query=changes(app_requests_total%5B5m%5D)", "invalid parameter \"query\": 1:1: parse error: function \"changes\" is not supported by PerfMonitor")]
    [InlineData("/api/v1/query?query=up&time=abc", "invalid parameter \"time\": Invalid time value for 'time': cannot parse \"abc\" to a valid timestamp")]
    [InlineData("/api/v1/query?query=up&timeout=soon", "invalid parameter \"timeout\": cannot parse \"soon\" to a valid duration")]
    [InlineData("/api/v1/query_range?query=up&start=1&end=10", "invalid parameter \"step\": cannot parse \"\" to a valid duration")]
    [InlineData("/api/v1/query_range?query=up&start=x&end=10&step=1", "invalid parameter \"start\": cannot parse \"x\" to a valid timestamp")]
    [InlineData("/api/v1/query_range?query=up&start=10&end=1&step=1", "invalid parameter \"end\": end timestamp must not be before start time")]
    [InlineData("/api/v1/query_range?query=up&start=1&end=10&step=0", "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer")]
    [InlineData("/api/v1/query_range?query=up&start=0&end=100000&step=1", "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)")]
    [InlineData("/api/v1/query_range?query=up%5B5m%5D&start=1&end=10&step=1", "invalid expression type \"range vector\" for range query, must be Scalar or instant Vector")]
    [InlineData("/api/v1/series", "no match[] parameter provided")]
    [InlineData("/api/v1/series?match[]=%7B%7D", "invalid parameter \"match[]\": match[] must contain at least one non-empty matcher")]
    [InlineData("/api/v1/labels?start=x", "invalid parameter \"start\": Invalid time value for 'start': cannot parse \"x\" to a valid timestamp")]
    [InlineData("/api/v1/label/a-b/values", "invalid label name: \"a-b\"")]
    [InlineData("/api/v1/metadata?limit=x", "limit must be a number")]
    public async Task Bad_requests_get_bad_data_400_with_Prometheus_messages(string url, string error)
    {
        var response = url == "/api/v1/series" ? await host.Http.PostAsync(url, Form()) : await host.Http.GetAsync(url);

        var body = await BodyAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(("error", "bad_data", error), (body.GetProperty("status").GetString(), body.GetProperty("errorType").GetString(), body.GetProperty("error").GetString()));
    }

    [Fact(Timeout = 120_000)]
    public async Task Series_with_match_is_Prometheus_listing_and_without_it_the_analytics_one()
    {
        var get = await BodyAsync(await host.Http.GetAsync($"/api/v1/series?match[]={Escape("app_requests_total{job=\"api\"}")}&match[]=app_temperature"), HttpStatusCode.OK);
        var post = await BodyAsync(await host.Http.PostAsync("/api/v1/series", Form(("match[]", "app_requests_total{job=\"api\"}"), ("match[]", "app_temperature"))), HttpStatusCode.OK);
        var analytics = await BodyAsync(await host.Http.GetAsync("/api/v1/series?metric=app_requests_total"), HttpStatusCode.OK);

        Assert.Equal(get.ToString(), post.ToString());
        var series = get.GetProperty("data").EnumerateArray().Select(s => string.Join(",", s.EnumerateObject().Select(p => $"{p.Name}={p.Value}"))).ToList();
        Assert.Equal(["__name__=app_requests_total,instance=a,job=api", "__name__=app_requests_total,instance=b,job=api", "__name__=app_temperature,zone=north"], series);
        Assert.Equal(4, analytics.GetProperty("count").GetInt32());
    }

    [Fact(Timeout = 120_000)]
    public async Task Labels_and_label_values_list_names_and_values_also_by_selector()
    {
        var labels = await DataAsync("/api/v1/labels");
        var labelsOfTemperature = await BodyAsync(await host.Http.PostAsync("/api/v1/labels", Form(("match[]", "app_temperature"))), HttpStatusCode.OK);
        var jobs = await DataAsync("/api/v1/label/job/values");
        var names = await DataAsync("/api/v1/label/__name__/values");
        var instancesOfWeb = await DataAsync($"/api/v1/label/instance/values?match[]={Escape("{job=\"web\"}")}&start=0&end={End}");

        Assert.Equal(["__name__", "instance", "job", "zone"], labels);
        Assert.Equal(["__name__", "zone"], labelsOfTemperature.GetProperty("data").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(["api", "web"], jobs);
        Assert.Equal(["app_requests_total", "app_temperature"], names);
        Assert.Equal(["c", "d"], instancesOfWeb);
    }

    [Fact(Timeout = 120_000)]
    public async Task Metadata_gives_each_metrics_type_and_unit_and_buildinfo_the_Prometheus_version_followed()
    {
        var all = await BodyAsync(await host.Http.GetAsync("/api/v1/metadata"), HttpStatusCode.OK);
        var one = await BodyAsync(await host.Http.GetAsync("/api/v1/metadata?metric=app_temperature"), HttpStatusCode.OK);
        var limited = await BodyAsync(await host.Http.GetAsync("/api/v1/metadata?limit=1"), HttpStatusCode.OK);
        var build = await BodyAsync(await host.Http.GetAsync("/api/v1/status/buildinfo"), HttpStatusCode.OK);

        Assert.Equal("""{"app_requests_total":[{"type":"counter","help":"","unit":""}],"app_temperature":[{"type":"gauge","help":"","unit":"celsius"}]}""",
            all.GetProperty("data").GetRawText());
        Assert.Equal(["app_temperature"], one.GetProperty("data").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["app_requests_total"], limited.GetProperty("data").EnumerateObject().Select(p => p.Name));
        Assert.Equal("2.42.0", build.GetProperty("data").GetProperty("version").GetString());
    }

    /// <summary>An hour of four counters (job api/web, two instances each, +2 or +3 every 10 s) and a gauge with a unit.</summary>
    private static IEnumerable<Sample> Samples()
    {
        (string Job, string Instance, double Step)[] counters = [("api", "a", 2), ("api", "b", 3), ("web", "c", 2), ("web", "d", 3)];
        for (var i = 0; i < 360; i++)
        {
            var time = Start.ToUnixTimeMilliseconds() + 4_000 + i * 10_000L;
            foreach (var (job, instance, step) in counters)
            {
                yield return StoredSamples.Sample("app_requests_total", [("job", job), ("instance", instance)], time, step * (i + 1), MetricKind.Counter);
            }
            var gauge = StoredSamples.Sample("app_temperature", [("zone", "north")], time, 20 + i % 7);
            gauge.Unit = "celsius";
            yield return gauge;
        }
    }

    private static string Range(string query, string step) =>
        $"/api/v1/query_range?query={Escape(query)}&start={Start.AddMinutes(10).ToUnixTimeSeconds()}&end={End}&step={step}";

    private static string Escape(string text) => Uri.EscapeDataString(text);

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static double Value(JsonElement result) => double.Parse(result.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);

    private async Task<List<string>> DataAsync(string url) =>
        [.. (await BodyAsync(await host.Http.GetAsync(url), HttpStatusCode.OK)).GetProperty("data").EnumerateArray().Select(e => e.GetString()!)];

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}

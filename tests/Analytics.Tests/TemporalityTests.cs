using System.Globalization;
using System.Net;
using System.Text.Json;
using Npgsql;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

/// <summary>
/// A counter incremented 600 times in one minute, sent as 600 increments (delta) or as running totals that reset
/// halfway (cumulative): both have increase 600 and rate 10/s, in the rollups API and in PromQL.
/// </summary>
public sealed class TemporalityTests(AnalyticsDatabase postgres) : IClassFixture<AnalyticsDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Minute = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Theory(Timeout = 120_000)]
    [InlineData(Temporality.Delta)]
    [InlineData(Temporality.Cumulative)]
    [InlineData(Temporality.Unspecified)]
    public async Task Six_hundred_increments_in_a_minute_are_an_increase_of_600_and_a_rate_of_10_per_second(Temporality temporality)
    {
        var metric = $"requests_total_{Guid.NewGuid():N}";
        await StoredSamples.WriteAsync(dataSource, Samples(metric, temporality));
        await using var host = await QueryApiHost.StartAsync(dataSource, new Dictionary<string, string?>());

        var rollups = await JsonAsync(host, $"/api/v1/rollups?metric={metric}&from={Time(Minute)}&to={Time(Minute.AddMinutes(1))}&step=1m&agg=rate");
        var increase = await PromQLAsync(host, $"increase({metric}[1m])");
        var rate = await PromQLAsync(host, $"rate({metric}[1m])");
        var irate = await PromQLAsync(host, $"irate({metric}[1m])");

        var point = Assert.Single(rollups.GetProperty("points").EnumerateArray());
        Assert.Equal(10, point.GetProperty("rate").GetDouble(), 9);
        Assert.Equal(600, point.GetProperty("rate").GetDouble() * 60, 6);
        Assert.Equal(600, increase, 6);
        Assert.Equal(10, rate, 9);
        Assert.Equal(10, irate, 6);
        Assert.Equal(temporality == Temporality.Delta ? "delta" : "cumulative", await StoredTemporalityAsync(metric));
    }

    /// <summary>
    /// One sample every 100 ms from 50 ms into the minute. Delta: each is 1. Cumulative: the running total, which a
    /// restart sets back to zero after 300 increments; the counter was last seen at 0 in the minute before.
    /// </summary>
    private static IEnumerable<Sample> Samples(string metric, Temporality temporality)
    {
        (string, string)[] labels = [("job", "shop")];
        var start = Minute.ToUnixTimeMilliseconds();
        if (temporality != Temporality.Delta)
        {
            yield return StoredSamples.Sample(metric, labels, start - 1_000, 0, MetricKind.Counter, temporality);
        }
        for (var i = 0; i < 600; i++)
        {
            var value = temporality == Temporality.Delta ? 1 : i % 300 + 1;
            yield return StoredSamples.Sample(metric, labels, start + 50 + i * 100, value, MetricKind.Counter, temporality);
        }
    }

    private static async Task<double> PromQLAsync(QueryApiHost host, string query)
    {
        var body = await JsonAsync(host, $"/api/v1/query?query={Uri.EscapeDataString(query)}&time={Minute.AddMinutes(1).ToUnixTimeSeconds()}");
        var result = Assert.Single(body.GetProperty("data").GetProperty("result").EnumerateArray());
        return double.Parse(result.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    private static async Task<JsonElement> JsonAsync(QueryApiHost host, string url)
    {
        var response = await host.Http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<string> StoredTemporalityAsync(string metric)
    {
        await using var command = dataSource.CreateCommand("SELECT temporality FROM perfmon.series WHERE metric = $1");
        command.Parameters.AddWithValue(metric);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string Time(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("o", CultureInfo.InvariantCulture));
}

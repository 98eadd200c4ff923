using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Tests;

/// <summary>
/// Series ids are stored (Kafka keys, PostgreSQL keys): these values were computed by the first implementation
/// and must never change, whatever the hashing code is rewritten into.
/// </summary>
public sealed class SeriesIdTests
{
    [Theory]
    [InlineData("up", "", 2215764917658149810UL)]
    [InlineData("http_requests_total", "method=GET|route=/a", 8758542627470410585UL)]
    [InlineData("http_requests_total", "route=/a|method=GET", 8758542627470410585UL)]
    [InlineData("latency_ms", "service=shop", 14379545262863945588UL)]
    [InlineData("m", "a=12|b=", 11324391030513696686UL)]
    [InlineData("cpu_seconds_total", "mode=idle|cpu=0|host=node-1", 18112363216704528565UL)]
    [InlineData("temperature", "room=Küche|unit=°C", 5891955122592627860UL)]
    [InlineData("rocket_launches", "v=🚀|a_b=x", 3615810202235285053UL)]
    public void Known_identities_keep_their_stored_ids(string metric, string labels, ulong expected)
    {
        Assert.Equal(expected, SeriesId.Compute(metric, Labels(labels)));
        Assert.Equal(expected, SeriesId.Compute(metric, Labels(labels).ToArray().AsEnumerable().Select(l => l)));
    }

    [Fact]
    public void The_largest_identity_the_contract_allows_keeps_its_stored_id()
    {
        var labels = Enumerable.Range(0, 32).Reverse()
            .Select(i => new Label { Name = $"label_{i:D2}", Value = new string((char)('a' + i % 26), 256) + "é" })
            .ToList();

        Assert.Equal(5459705524745511766UL, SeriesId.Compute(new string('m', 200), labels));
    }

    private static List<Label> Labels(string spec) => spec.Length == 0
        ? []
        : spec.Split('|').Select(pair => pair.Split('=', 2)).Select(p => new Label { Name = p[0], Value = p[1] }).ToList();
}

using System.Globalization;
using System.Text.Json;

namespace PerfMonitor.LoadGen.Query;

/// <summary>A query's answer reduced to what is compared: each series (by its labels) and its points, or the error.</summary>
public sealed record PromAnswer(IReadOnlyDictionary<string, IReadOnlyList<(double Time, double Value)>> Series, IReadOnlyList<string> Warnings, string? Error)
{
    public int Points => Series.Values.Sum(p => p.Count);

    public static PromAnswer Failed(string error) => new(new Dictionary<string, IReadOnlyList<(double, double)>>(), [], error);

    /// <summary>Parses Prometheus's envelope: a vector's or matrix's series keyed by their sorted labels; a scalar as one unlabelled series.</summary>
    public static PromAnswer Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var warnings = root.TryGetProperty("warnings", out var w) ? w.EnumerateArray().Select(e => e.GetString() ?? "").ToList() : [];
        if (!root.TryGetProperty("status", out var status) || status.GetString() != "success")
        {
            return Failed(status.ValueKind == JsonValueKind.String
                ? $"{Text(root, "errorType")}: {Text(root, "error")}"
                : $"{Text(root, "title")}: {Text(root, "detail")}") with
            { Warnings = warnings };
        }
        var data = root.GetProperty("data");
        var series = new Dictionary<string, IReadOnlyList<(double, double)>>(StringComparer.Ordinal);
        var result = data.GetProperty("result");
        switch (data.GetProperty("resultType").GetString())
        {
            case "scalar":
                series[""] = [Point(result)];
                break;
            default:
                foreach (var item in result.EnumerateArray())
                {
                    var labels = string.Join(',', item.GetProperty("metric").EnumerateObject()
                        .OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => $"{l.Name}={l.Value.GetString()}"));
                    series[labels] = item.TryGetProperty("values", out var values)
                        ? [.. values.EnumerateArray().Select(Point)]
                        : [Point(item.GetProperty("value"))];
                }
                break;
        }
        return new PromAnswer(series, warnings, null);
    }

    private static (double, double) Point(JsonElement pair) =>
        (pair[0].GetDouble(), double.Parse(pair[1].GetString()!, CultureInfo.InvariantCulture));

    private static string Text(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
}

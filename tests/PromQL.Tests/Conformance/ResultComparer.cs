using PerfMonitor.PromQL.Results;

namespace PerfMonitor.PromQL.Tests.Conformance;

/// <summary>
/// Compares two query answers: the same result type, the same series (by labels), the same timestamps, and every
/// value within a relative tolerance (NaN equals NaN, infinities must match exactly).
/// </summary>
public static class ResultComparer
{
    /// <summary>What differs; <paramref name="compared"/> counts the values found on both sides.</summary>
    public static IReadOnlyList<string> Differences(QueryData expected, QueryData actual, double tolerance, out int compared)
    {
        compared = 0;
        if (expected.ResultType != actual.ResultType)
        {
            return [$"result type {actual.ResultType}, Prometheus {expected.ResultType}"];
        }
        if (expected is StringData es && actual is StringData @as)
        {
            compared = 1;
            return es.Result.Value == @as.Result.Value ? [] : [$"string \"{@as.Result.Value}\", Prometheus \"{es.Result.Value}\""];
        }
        var want = Canonical(expected);
        var got = Canonical(actual);
        var differences = new List<string>();
        foreach (var missing in want.Keys.Except(got.Keys))
        {
            differences.Add($"missing series {missing}");
        }
        foreach (var extra in got.Keys.Except(want.Keys))
        {
            differences.Add($"extra series {extra}");
        }
        foreach (var key in want.Keys.Intersect(got.Keys))
        {
            var (w, g) = (want[key], got[key]);
            foreach (var time in w.Keys.Union(g.Keys).Order())
            {
                if (!w.TryGetValue(time, out var wv) || !g.TryGetValue(time, out var gv))
                {
                    differences.Add($"{key} @{time}: {(w.ContainsKey(time) ? "no value" : $"value {g[time]}")} where Prometheus has {(w.ContainsKey(time) ? w[time] : "none")}");
                }
                else if (++compared > 0 && !Close(wv, gv, tolerance))
                {
                    differences.Add($"{key} @{time}: {gv} vs Prometheus {wv}");
                }
            }
        }
        return differences;
    }

    public static bool Close(double expected, double actual, double tolerance)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }
        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return expected == actual;
        }
        return Math.Abs(expected - actual) <= tolerance * Math.Max(Math.Abs(expected), Math.Abs(actual)) + 1e-9;
    }

    private static Dictionary<string, Dictionary<long, double>> Canonical(QueryData data) => data switch
    {
        ScalarData s => new() { ["scalar"] = new() { [s.Result.TimeMs] = s.Result.Value } },
        VectorData v => v.Result.ToDictionary(i => Key(i.Metric), i => new Dictionary<long, double> { [i.Value.TimeMs] = i.Value.Value }),
        MatrixData m => m.Result.ToDictionary(i => Key(i.Metric), i => i.Values.ToDictionary(p => p.TimeMs, p => p.Value)),
        _ => throw new ArgumentException(data.GetType().Name, nameof(data)),
    };

    private static string Key(IReadOnlyDictionary<string, string> metric) =>
        "{" + string.Join(", ", metric.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
}

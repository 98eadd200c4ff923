using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation.Functions;

/// <summary>time, vector, scalar, absent, sort and sort_desc.</summary>
internal static class MiscFunctions
{
    public static StepValue Time(FunctionCall call) => new ScalarValue(call.Time / 1000.0);

    public static StepValue Vector(FunctionCall call) => new VectorValue([new VectorSample(LabelSet.Empty, call.Scalar(0))]);

    public static StepValue Scalar(FunctionCall call)
    {
        var samples = call.Vector(0);
        return new ScalarValue(samples.Count == 1 ? samples[0].Value : double.NaN);
    }

    /// <summary>1 when the argument is empty, labelled with the selector's equality matchers (a label matched twice is left out).</summary>
    public static StepValue Absent(FunctionCall call)
    {
        if (call.Vector(0).Count > 0)
        {
            return new VectorValue([]);
        }
        var argument = call.Expr.Arguments[0];
        while (argument is ParenExpr paren)
        {
            argument = paren.Inner;
        }
        var labels = new Dictionary<string, string>();
        if (argument is VectorSelector selector)
        {
            var seen = new HashSet<string>();
            foreach (var matcher in selector.Matchers.Where(m => m.Name != LabelSet.MetricName))
            {
                if (matcher.Type == LabelMatchType.Equal && seen.Add(matcher.Name))
                {
                    labels[matcher.Name] = matcher.Value;
                }
                else
                {
                    seen.Add(matcher.Name);
                    labels.Remove(matcher.Name);
                }
            }
        }
        return new VectorValue([new VectorSample(LabelSet.From(labels), 1)]);
    }

    public static StepValue Sort(FunctionCall call, bool descending)
    {
        var samples = new List<VectorSample>(call.Vector(0));
        // NaN sorts last either way, as in Prometheus.
        samples.Sort((a, b) => double.IsNaN(a.Value) ? (double.IsNaN(b.Value) ? 0 : 1)
            : double.IsNaN(b.Value) ? -1
            : descending ? b.Value.CompareTo(a.Value) : a.Value.CompareTo(b.Value));
        return new VectorValue(samples);
    }
}

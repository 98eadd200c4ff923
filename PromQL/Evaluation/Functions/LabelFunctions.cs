using System.Text.RegularExpressions;
using PerfMonitor.PromQL.Model;

namespace PerfMonitor.PromQL.Evaluation.Functions;

/// <summary>label_replace and label_join; both keep the metric name.</summary>
internal static partial class LabelFunctions
{
    public static StepValue Replace(FunctionCall call)
    {
        var (destination, replacement, source, pattern) = (call.String(1), call.String(2), call.String(3), call.String(4));
        Regex regex;
        try
        {
            regex = new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            throw new PromQLException(PromQLException.Execution, $"invalid regular expression in label_replace(): {pattern}");
        }
        RequireLabelName(destination, "label_replace");
        var state = (regex, destination, replacement, source);
        return Relabel(call, state, static (labels, s) =>
        {
            var match = s.regex.Match(labels.Get(s.source) ?? "");
            return match.Success ? labels.With(s.destination, GoTemplate.Expand(s.replacement, match)) : labels;
        });
    }

    public static StepValue Join(FunctionCall call)
    {
        var (destination, separator) = (call.String(1), call.String(2));
        var sources = Enumerable.Range(3, call.ArgumentCount - 3).Select(call.String).ToArray();
        RequireLabelName(destination, "label_join");
        return Relabel(call, (destination, separator, sources), static (labels, s) =>
            labels.With(s.destination, string.Join(s.separator, s.sources.Select(name => labels.Get(name) ?? ""))));
    }

    private static StepValue Relabel<TState>(FunctionCall call, TState state, Func<LabelSet, TState, LabelSet> relabel)
    {
        var samples = call.Vector(0);
        var result = new List<VectorSample>(samples.Count);
        foreach (var sample in samples)
        {
            result.Add(new VectorSample(call.Evaluator.Labels.Derive(call.Expr, sample.Labels, state, relabel), sample.Value));
        }
        return new VectorValue(DuplicateCheck.Ensure(result));
    }

    private static void RequireLabelName(string name, string function)
    {
        if (!LabelName().IsMatch(name))
        {
            throw new PromQLException(PromQLException.Execution, $"invalid destination label name in {function}(): {name}");
        }
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}

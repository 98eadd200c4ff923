using PerfMonitor.PromQL.Parsing;

namespace PerfMonitor.PromQL.Tests.Conformance;

public enum Expectation
{
    Exact,
    Sketch,
    Approximate,
}

/// <summary>One line of queries.txt: <c>&lt;kind&gt; &lt;query&gt; [## note]</c>.</summary>
public sealed record ConformanceQuery(int Line, bool IsRange, long StepMs, string Query, Expectation Expectation, string Note)
{
    public static IReadOnlyList<ConformanceQuery> Load(string path) =>
        File.ReadAllLines(path)
            .Select((text, index) => (Text: text.Trim(), Line: index + 1))
            .Where(l => l.Text.Length > 0 && !l.Text.StartsWith('#'))
            .Select(l => Parse(l.Text, l.Line))
            .ToList();

    public override string ToString() => $"line {Line}: {(IsRange ? $"range {PerfMonitor.PromQL.Syntax.ExprPrinter.Duration(StepMs)}" : "instant")} {Query}";

    private static ConformanceQuery Parse(string text, int line)
    {
        var split = text.IndexOf(' ');
        if (split < 0)
        {
            throw new FormatException($"queries.txt line {line}: expected '<kind> <query>'");
        }
        var kind = text[..split];
        var rest = text[split..].Trim();
        var notes = rest.Split("##", 2);
        var note = notes.Length > 1 ? notes[1].Trim() : "";
        var expectation = note switch
        {
            "" => Expectation.Exact,
            "sketch" => Expectation.Sketch,
            _ when note.StartsWith("approximate:", StringComparison.Ordinal) => Expectation.Approximate,
            _ => throw new FormatException($"queries.txt line {line}: unknown note '{note}'"),
        };
        var (isRange, step) = kind switch
        {
            "instant" => (false, 0L),
            "range" => (true, 60_000L),
            _ when kind.StartsWith("range:", StringComparison.Ordinal) => (true, Literals.DurationMs(kind[6..], 0)),
            _ => throw new FormatException($"queries.txt line {line}: unknown kind '{kind}'"),
        };
        return new ConformanceQuery(line, isRange, step, notes[0].Trim(), expectation, note);
    }
}

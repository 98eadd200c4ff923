namespace PerfMonitor.PromQL.Tests.Conformance;

/// <summary>How a conformance run came out: the figure, and every query that did not agree.</summary>
public sealed record ConformanceReport(IReadOnlyList<ConformanceOutcome> Outcomes, int Samples, TimeSpan Elapsed)
{
    public bool AllPass => Outcomes.All(o => o.Passes);

    public override string ToString()
    {
        var passing = Outcomes.Count(o => o.Passes);
        var lines = new List<string>
        {
            $"PromQL conformance: {passing}/{Outcomes.Count} queries pass ({100.0 * passing / Outcomes.Count:0.0}%), " +
            $"{Outcomes.Count(o => o.Agrees)} agree with Prometheus within 1% (sketch queries within the sketch's accuracy), " +
            $"{Outcomes.Count(o => o.Query.Expectation == Expectation.Approximate)} marked approximate; {Outcomes.Sum(o => o.Compared)} values compared, " +
            $"{Samples} samples, {Elapsed.TotalSeconds:0.0} s",
        };
        foreach (var outcome in Outcomes.Where(o => !o.Agrees))
        {
            var label = outcome.Passes ? "approximate (warned)" : "FAIL";
            lines.Add($"{label} {outcome.Query}{(outcome.Query.Note.Length > 0 ? $"  ## {outcome.Query.Note}" : "")}");
            lines.AddRange(outcome.Differences.Count == 0 ? ["    no values on either side"] : outcome.Differences.Take(5).Select(d => "    " + d));
            if (outcome.Differences.Count > 5)
            {
                lines.Add($"    ... {outcome.Differences.Count - 5} more");
            }
        }
        return string.Join(Environment.NewLine, lines);
    }
}

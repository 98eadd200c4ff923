namespace PerfMonitor.PromQL.Tests.Conformance;

/// <summary>How one conformance query came out.</summary>
public sealed record ConformanceOutcome(ConformanceQuery Query, IReadOnlyList<string> Differences, IReadOnlyList<string> Warnings, int Compared)
{
    /// <summary>Both sides answered the same, and with at least one value: two empty answers prove nothing.</summary>
    public bool Agrees => Differences.Count == 0 && Compared > 0;

    /// <summary>An exact or sketch query passes when it agrees; an approximate one when the engine warned about it.</summary>
    public bool Passes => Query.Expectation == Expectation.Approximate ? Warnings.Count > 0 : Agrees;
}

namespace PerfMonitor.Collector.Ingestion.Limits;

public enum WireVerdict
{
    Within,
    TooManySamples,
    TooManyLabels,

    /// <summary>Parsed, it would take more memory than a request may: mostly empty messages or list elements.</summary>
    TooLargeParsed,

    /// <summary>Not a valid encoding (truncated, a wrong wire type, nested too deep): the parser would refuse it too.</summary>
    Malformed,
}

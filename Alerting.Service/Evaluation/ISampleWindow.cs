namespace PerfMonitor.Alerting.Evaluation;

/// <summary>The samples a threshold rule's instance has seen inside its window, aggregated on demand.</summary>
public interface ISampleWindow
{
    bool IsEmpty { get; }

    /// <summary>Adds a sample; <paramref name="inNumerator"/> says whether its series matches a ratio's numerator.</summary>
    void Add(long timestampMs, double value, bool inNumerator);

    /// <summary>The window's value for the aggregation, NaN when it holds nothing.</summary>
    double Aggregate(string aggregation);
}

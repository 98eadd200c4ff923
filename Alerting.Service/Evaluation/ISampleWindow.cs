using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>The samples a threshold rule's instance has seen inside its window, aggregated on demand.</summary>
public interface ISampleWindow
{
    bool IsEmpty { get; }

    /// <summary>
    /// Adds a sample of the series <paramref name="seriesId"/> (a group's window holds several); <paramref name="inNumerator"/>
    /// says whether that series matches a ratio's numerator.
    /// </summary>
    void Add(long timestampMs, double value, long seriesId, bool inNumerator);

    /// <summary>The window's value for the aggregation, NaN when it holds nothing.</summary>
    double Aggregate(RuleAggregation aggregation);
}

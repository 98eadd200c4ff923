using PerfMonitor.Alerting.Rules;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>The samples a threshold rule's instance has seen inside its window, aggregated on demand.</summary>
public interface ISampleWindow
{
    bool IsEmpty { get; }

    /// <summary>
    /// Adds a sample of the series <paramref name="seriesId"/> (a group's window holds several); <paramref name="inNumerator"/>
    /// says whether that series matches a ratio's numerator; <paramref name="temporality"/> whether a counter's value is an
    /// increment (delta) or a running total (cumulative, also when unspecified).
    /// </summary>
    void Add(long timestampMs, double value, long seriesId, bool inNumerator, Temporality temporality = Temporality.Unspecified);

    /// <summary>The window's value for the aggregation, NaN when it holds nothing.</summary>
    double Aggregate(RuleAggregation aggregation);
}

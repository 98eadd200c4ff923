using System.Globalization;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>One alert instance as "evaluate now" reports it.</summary>
public sealed record AlertInstanceView(string SeriesId, IReadOnlyDictionary<string, string> Labels, string State, double Value, bool Changed)
{
    public static AlertInstanceView Of(AlertInstance instance, bool changed) => new(
        Contracts.SeriesId.FromStorage(instance.SeriesId).ToString(CultureInfo.InvariantCulture), instance.Labels, instance.State.ToWire(), instance.Value, changed);
}

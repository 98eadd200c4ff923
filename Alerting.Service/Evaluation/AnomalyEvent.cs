using System.Globalization;
using System.Text.Json;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// The fields of an AnomalyDetected event the rules need, read leniently (the series id may travel as a number or a
/// string; when absent it is computed from metric and labels) so the producer can evolve without breaking us.
/// </summary>
public sealed record AnomalyEvent(long SeriesId, string Metric, IReadOnlyDictionary<string, string> Labels, double Value, double Score, string Severity)
{
    public static AnomalyEvent Parse(JsonElement body)
    {
        string Text(string name) => body.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() ?? "" : "";
        double Number(string name) => body.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : double.NaN;
        var metric = Text("metric");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in l.EnumerateObject())
            {
                labels[label.Name] = label.Value.ToString();
            }
        }
        long? seriesId = null;
        if (body.TryGetProperty("seriesId", out var id))
        {
            if (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var signed))
            {
                seriesId = signed;
            }
            else if (id.ValueKind == JsonValueKind.Number && id.TryGetUInt64(out var unsigned))
            {
                seriesId = Contracts.SeriesId.ToStorage(unsigned);
            }
            else if (id.ValueKind == JsonValueKind.String && ulong.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var text))
            {
                seriesId = Contracts.SeriesId.ToStorage(text);
            }
        }
        seriesId ??= Contracts.SeriesId.ToStorage(Contracts.SeriesId.Compute(metric, labels.Select(p => new Label { Name = p.Key, Value = p.Value })));
        return new AnomalyEvent(seriesId.Value, metric, labels, Number("value"), Number("score"), Text("severity"));
    }
}

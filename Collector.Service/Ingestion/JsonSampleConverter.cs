using System.Globalization;
using System.Text.Json;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>Turns the JSON contract into protocol samples; what cannot be converted is refused by index.</summary>
public static class JsonSampleConverter
{
    private static readonly Dictionary<string, MetricKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gauge"] = MetricKind.Gauge,
        ["counter"] = MetricKind.Counter,
        ["histogram"] = MetricKind.Histogram,
        ["summary"] = MetricKind.Summary,
    };

    public static (List<Sample> Samples, List<SampleError> Errors) Convert(IReadOnlyList<JsonSample?> input)
    {
        var samples = new List<Sample>(input.Count);
        var errors = new List<SampleError>();
        for (var i = 0; i < input.Count; i++)
        {
            var sample = new Sample();
            samples.Add(sample);
            var error = input[i] is { } json ? Fill(i, json, sample) : new SampleError(i, "", "sample is null");
            if (error is not null)
            {
                errors.Add(error);
            }
        }
        return (samples, errors);
    }

    private static SampleError? Fill(int index, JsonSample json, Sample sample)
    {
        sample.Metric = json.Metric ?? "";
        sample.Unit = json.Unit ?? "";
        if (json.Labels is not null)
        {
            foreach (var (name, value) in json.Labels)
            {
                if (value is null)
                {
                    return new(index, SampleValidator.LabelField(name), "label value must be a string");
                }
                sample.Labels.Add(new Label { Name = name, Value = value });
            }
        }

        switch (json.Value.ValueKind)
        {
            case JsonValueKind.Number:
                sample.Value = json.Value.GetDouble();
                break;
            case JsonValueKind.String when double.TryParse(json.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                sample.Value = parsed;
                break;
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return new(index, "value", "is required");
            default:
                return new(index, "value", "must be a number");
        }

        switch (json.Timestamp.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                break;
            case JsonValueKind.String when DateTimeOffset.TryParse(json.Timestamp.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time):
                sample.TimestampUnixMs = time.ToUnixTimeMilliseconds();
                break;
            case JsonValueKind.Number when json.Timestamp.TryGetInt64(out var unixMs):
                sample.TimestampUnixMs = unixMs;
                break;
            default:
                return new(index, "timestamp", "must be an RFC 3339 time or Unix milliseconds");
        }

        if (json.Kind is not null)
        {
            if (!Kinds.TryGetValue(json.Kind, out var kind))
            {
                return new(index, "kind", "must be one of gauge, counter, histogram, summary");
            }
            sample.Kind = kind;
        }
        return null;
    }
}

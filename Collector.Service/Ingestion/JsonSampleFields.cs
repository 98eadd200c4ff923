using System.Globalization;
using System.Text;
using System.Text.Json;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>
/// The properties of one JSON sample, read into its protocol sample. Keeps the first refusal in the order the
/// contract checks them (labels, value, timestamp, kind, temporality), so a sample is refused for one reason, naming its field.
/// </summary>
internal sealed class JsonSampleFields(Sample sample, IngestOptions limits)
{
    private static readonly Dictionary<string, MetricKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gauge"] = MetricKind.Gauge,
        ["counter"] = MetricKind.Counter,
        ["histogram"] = MetricKind.Histogram,
        ["summary"] = MetricKind.Summary,
    };

    private static readonly Dictionary<string, Temporality> Temporalities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cumulative"] = Temporality.Cumulative,
        ["delta"] = Temporality.Delta,
    };

    private (int Rank, string Field, string Reason)? first;
    private bool hasValue;

    /// <summary>Reads the object the reader is at; <paramref name="labels"/> counts every label seen, kept or not.</summary>
    public void Read(ref Utf8JsonReader reader, ref long labels)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (Is(ref reader, "metric"u8))
            {
                reader.Read();
                sample.Metric = Text(ref reader, "metric");
            }
            else if (Is(ref reader, "labels"u8))
            {
                reader.Read();
                ReadLabels(ref reader, ref labels);
            }
            else if (Is(ref reader, "value"u8))
            {
                reader.Read();
                ReadValue(ref reader);
            }
            else if (Is(ref reader, "timestamp"u8))
            {
                reader.Read();
                ReadTimestamp(ref reader);
            }
            else if (Is(ref reader, "unit"u8))
            {
                reader.Read();
                sample.Unit = Text(ref reader, "unit");
            }
            else if (Is(ref reader, "kind"u8))
            {
                reader.Read();
                if (TryReadChoice(ref reader, "kind", 3, Kinds, out var kind))
                {
                    sample.Kind = kind;
                }
            }
            else if (Is(ref reader, "temporality"u8))
            {
                reader.Read();
                if (TryReadChoice(ref reader, "temporality", 4, Temporalities, out var temporality))
                {
                    sample.Temporality = temporality;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (!hasValue)
        {
            Refuse(1, "value", "is required");
        }
    }

    public SampleError? Error(int index) => first is { } error ? new SampleError(index, error.Field, error.Reason) : null;

    /// <summary>Whether the property name the reader is at is <paramref name="name"/> (ASCII), in any letter case; allocates only for an escaped name.</summary>
    public static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) => !reader.ValueIsEscaped && !reader.HasValueSequence
        ? Ascii.EqualsIgnoreCase(reader.ValueSpan, name)
        : Ascii.EqualsIgnoreCase(reader.GetString(), Encoding.ASCII.GetString(name));

    private void ReadLabels(ref Utf8JsonReader reader, ref long labels)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }
        Expect(reader.TokenType == JsonTokenType.StartObject, "labels must be an object of strings");
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            count++;
            labels++;
            // Past the per-sample limit the sample is refused anyway: count the label, do not make it.
            var name = count <= limits.MaxLabels ? reader.GetString()! : null;
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                Refuse(0, SampleValidator.LabelField(name ?? ""), "label value must be a string");
                continue;
            }
            Expect(reader.TokenType == JsonTokenType.String, "label values must be strings");
            if (name is not null)
            {
                sample.Labels.Add(new Label { Name = name, Value = reader.GetString()! });
            }
        }
        if (count > limits.MaxLabels)
        {
            Refuse(0, "labels", $"has {count} labels; at most {limits.MaxLabels} are allowed");
        }
    }

    private void ReadValue(ref Utf8JsonReader reader)
    {
        hasValue = true;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDouble(out var number):
                sample.Value = number;
                break;
            case JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                sample.Value = parsed;
                break;
            case JsonTokenType.Null:
                Refuse(1, "value", "is required");
                break;
            default:
                reader.Skip();
                Refuse(1, "value", "must be a number");
                break;
        }
    }

    private void ReadTimestamp(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                break;
            case JsonTokenType.String when DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time):
                sample.TimestampUnixMs = time.ToUnixTimeMilliseconds();
                break;
            case JsonTokenType.Number when reader.TryGetInt64(out var unixMs):
                sample.TimestampUnixMs = unixMs;
                break;
            default:
                reader.Skip();
                Refuse(2, "timestamp", "must be an RFC 3339 time or Unix milliseconds");
                break;
        }
    }

    /// <summary>One of a property's named values, in any letter case; false when it is null or (refused) unknown.</summary>
    private bool TryReadChoice<T>(ref Utf8JsonReader reader, string field, int rank, Dictionary<string, T> choices, out T value)
    {
        var text = Text(ref reader, field);
        if (choices.TryGetValue(text, out value!))
        {
            return true;
        }
        if (text.Length > 0 || reader.TokenType != JsonTokenType.Null)
        {
            Refuse(rank, field, $"must be one of {string.Join(", ", choices.Keys)}");
        }
        return false;
    }

    private static string Text(ref Utf8JsonReader reader, string property)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return "";
        }
        Expect(reader.TokenType == JsonTokenType.String, $"{property} must be a string");
        return reader.GetString()!;
    }

    private void Refuse(int rank, string field, string reason)
    {
        if (first is not { } earlier || rank < earlier.Rank)
        {
            first = (rank, field, reason);
        }
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new JsonException(what);
        }
    }
}

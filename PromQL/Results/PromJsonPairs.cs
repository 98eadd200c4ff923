using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfMonitor.PromQL.Results;

/// <summary>A sample as Prometheus's JSON writes it: <c>[1435781451.781, "1.5"]</c>.</summary>
[JsonConverter(typeof(SamplePairConverter))]
public readonly record struct SamplePair(long TimeMs, double Value);

/// <summary>A string result as Prometheus's JSON writes it: <c>[1435781451.781, "text"]</c>.</summary>
[JsonConverter(typeof(StringPairConverter))]
public readonly record struct StringPair(long TimeMs, string Value);

internal sealed class SamplePairConverter : JsonConverter<SamplePair>
{
    public override SamplePair Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var (time, text) = PairReader.Read(ref reader);
        return new SamplePair(time, SampleValues.Parse(text));
    }

    public override void Write(Utf8JsonWriter writer, SamplePair value, JsonSerializerOptions options) =>
        PairReader.Write(writer, value.TimeMs, SampleValues.Format(value.Value));
}

internal sealed class StringPairConverter : JsonConverter<StringPair>
{
    public override StringPair Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var (time, text) = PairReader.Read(ref reader);
        return new StringPair(time, text);
    }

    public override void Write(Utf8JsonWriter writer, StringPair value, JsonSerializerOptions options) =>
        PairReader.Write(writer, value.TimeMs, value.Value);
}

internal static class PairReader
{
    public static (long TimeMs, string Text) Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray || !reader.Read())
        {
            throw new JsonException("expected [time, \"value\"]");
        }
        var time = (long)Math.Round(reader.GetDouble() * 1000);
        reader.Read();
        var text = reader.GetString() ?? throw new JsonException("expected a string value");
        reader.Read();
        return reader.TokenType == JsonTokenType.EndArray ? (time, text) : throw new JsonException("expected the end of [time, \"value\"]");
    }

    public static void Write(Utf8JsonWriter writer, long timeMs, string text)
    {
        writer.WriteStartArray();
        writer.WriteRawValue(SampleValues.FormatTime(timeMs));
        // As Prometheus writes them: "+Inf" rather than "\u002BInf" (the value is JSON data, not HTML).
        writer.WriteStringValue(JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
        writer.WriteEndArray();
    }
}

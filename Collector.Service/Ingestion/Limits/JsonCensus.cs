using System.Text.Json;

namespace PerfMonitor.Collector.Ingestion.Limits;

/// <summary>
/// Weighs an OTLP/JSON body before protobuf's JSON parser turns it into messages: the memory its tokens would take,
/// estimated without allocating. <c>{}</c> costs two bytes on the wire and a message in memory.
/// </summary>
public static class JsonCensus
{
    /// <summary>A JSON object becomes a message: about as much as OTLP's smaller messages cost once parsed.</summary>
    private const int ObjectBytes = 96;

    /// <summary>Every other token is an object of the parser's tokenizer, or a list slot.</summary>
    private const int TokenBytes = ParsedCost.ListElement;

    public static WireVerdict Count(ReadOnlySpan<byte> json, long maxParsedBytes)
    {
        var reader = new Utf8JsonReader(json);
        var parsed = 0L;
        try
        {
            while (reader.Read())
            {
                parsed += reader.TokenType switch
                {
                    JsonTokenType.StartObject => ObjectBytes,
                    JsonTokenType.PropertyName or JsonTokenType.String => ParsedCost.Text(reader.ValueSpan.Length, isString: true),
                    JsonTokenType.EndObject or JsonTokenType.EndArray => 0,
                    _ => TokenBytes,
                };
                if (parsed > maxParsedBytes)
                {
                    return WireVerdict.TooLargeParsed;
                }
            }
        }
        catch (JsonException)
        {
            return WireVerdict.Malformed;
        }
        return WireVerdict.Within;
    }
}

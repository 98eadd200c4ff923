using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfMonitor.PromQL.Results;

/// <summary>The <c>data</c> of a Prometheus query response; the <c>resultType</c> says which kind.</summary>
[JsonConverter(typeof(QueryDataConverter))]
public abstract record QueryData([property: JsonPropertyName("resultType"), JsonPropertyOrder(-1)] string ResultType);

public sealed record VectorData([property: JsonPropertyName("result")] IReadOnlyList<VectorItem> Result) : QueryData("vector");

public sealed record MatrixData([property: JsonPropertyName("result")] IReadOnlyList<MatrixItem> Result) : QueryData("matrix");

public sealed record ScalarData([property: JsonPropertyName("result")] SamplePair Result) : QueryData("scalar");

public sealed record StringData([property: JsonPropertyName("result")] StringPair Result) : QueryData("string");

public sealed record VectorItem(
    [property: JsonPropertyName("metric")] IReadOnlyDictionary<string, string> Metric,
    [property: JsonPropertyName("value")] SamplePair Value);

public sealed record MatrixItem(
    [property: JsonPropertyName("metric")] IReadOnlyDictionary<string, string> Metric,
    [property: JsonPropertyName("values")] IReadOnlyList<SamplePair> Values);

/// <summary>Prometheus's response envelope: <c>{"status":"success","data":...,"warnings":[...]}</c> or an error.</summary>
public sealed record QueryResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("data"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] QueryData? Data,
    [property: JsonPropertyName("errorType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorType = null,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null,
    [property: JsonPropertyName("warnings"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings = null);

/// <summary>Writes the concrete data record and reads one by its <c>resultType</c>.</summary>
internal sealed class QueryDataConverter : JsonConverter<QueryData>
{
    public override QueryData? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var type = document.RootElement.GetProperty("resultType").GetString();
        return type switch
        {
            "vector" => document.RootElement.Deserialize<VectorData>(options),
            "matrix" => document.RootElement.Deserialize<MatrixData>(options),
            "scalar" => document.RootElement.Deserialize<ScalarData>(options),
            "string" => document.RootElement.Deserialize<StringData>(options),
            _ => throw new JsonException($"unknown resultType {type}"),
        };
    }

    public override void Write(Utf8JsonWriter writer, QueryData value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, value.GetType(), options);
}

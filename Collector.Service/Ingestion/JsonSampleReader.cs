using System.Text.Json;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>
/// Reads the JSON contract (<c>{"samples":[{"metric","labels","value","timestamp","unit","kind"}]}</c>, property names
/// in any letter case) token by token straight into protocol samples, counting samples and labels as it goes: past
/// <see cref="IngestOptions.MaxSamplesPerRequest"/> or <see cref="IngestOptions.MaxLabelsPerRequest"/> it stops with 413
/// before making the rest, and labels past <see cref="IngestOptions.MaxLabels"/> in one sample are counted, not kept.
/// A value of the wrong type is refused with its sample, by index; JSON that is not the contract's shape is a 400.
/// </summary>
public static class JsonSampleReader
{
    public static JsonSamples Read(ReadOnlySpan<byte> json, IngestOptions limits)
    {
        var result = new JsonSamples();
        var reader = new Utf8JsonReader(json);
        try
        {
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, "the body must be a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSamples = JsonSampleFields.Is(ref reader, "samples"u8);
                reader.Read();
                if (!isSamples || reader.TokenType == JsonTokenType.Null)
                {
                    reader.Skip();
                    continue;
                }
                Expect(reader.TokenType == JsonTokenType.StartArray, "samples must be an array");
                if (!ReadSamples(ref reader, limits, result))
                {
                    return result;
                }
            }
            Expect(reader.TokenType == JsonTokenType.EndObject && !reader.Read(), "the body must be one JSON object");
        }
        catch (JsonException ex)
        {
            result.Problem = new BodyProblem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not valid JSON for samples: {ex.Message}", "body");
        }
        return result;
    }

    /// <summary>False when a limit stopped the reading (the problem is set).</summary>
    private static bool ReadSamples(ref Utf8JsonReader reader, IngestOptions limits, JsonSamples result)
    {
        var labels = 0L;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (result.Samples.Count == limits.MaxSamplesPerRequest)
            {
                result.Problem = new BodyProblem(StatusCodes.Status413PayloadTooLarge, "Too many samples",
                    $"A request may carry at most {limits.MaxSamplesPerRequest} samples (Ingest:MaxSamplesPerRequest); this one has more. Split the batch.", "samples");
                return false;
            }
            var index = result.Samples.Count;
            var sample = new Sample();
            result.Samples.Add(sample);
            if (reader.TokenType == JsonTokenType.Null)
            {
                result.Errors.Add(new SampleError(index, "", "sample is null"));
                continue;
            }
            Expect(reader.TokenType == JsonTokenType.StartObject, $"sample {index} must be an object");
            var fields = new JsonSampleFields(sample, limits);
            fields.Read(ref reader, ref labels);
            if (labels > limits.MaxLabelsPerRequest)
            {
                result.Problem = new BodyProblem(StatusCodes.Status413PayloadTooLarge, "Too many labels",
                    $"A request may carry at most {limits.MaxLabelsPerRequest} labels in all (Ingest:MaxLabelsPerRequest); this one has more. Split the batch.", "samples");
                return false;
            }
            if (fields.Error(index) is { } error)
            {
                result.Errors.Add(error);
            }
        }
        return true;
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new JsonException(what);
        }
    }
}

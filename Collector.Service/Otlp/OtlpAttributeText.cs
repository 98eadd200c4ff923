using System.Globalization;
using System.Text;
using PerfMonitor.Contracts.Otlp.Common;

namespace PerfMonitor.Collector.Otlp;

/// <summary>
/// An attribute value as label text, at most a given length: scalars as Prometheus writes them, arrays as
/// <c>[a,b]</c> and key-value lists as <c>{k=v}</c>. Stops building once the length is reached, so an array of a
/// million elements costs no more than a short one.
/// </summary>
public static class OtlpAttributeText
{
    public static string Of(AnyValue? value, int maxLength)
    {
        switch (value?.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue:
                return Cut(value.StringValue, maxLength);
            case AnyValue.ValueOneofCase.ArrayValue or AnyValue.ValueOneofCase.KvlistValue:
                var text = new StringBuilder();
                Append(text, value, maxLength);
                return Cut(text.ToString(), maxLength);
            default:
                return Cut(Scalar(value, maxLength), maxLength);
        }
    }

    private static void Append(StringBuilder text, AnyValue? value, int maxLength)
    {
        switch (value?.ValueCase)
        {
            case AnyValue.ValueOneofCase.ArrayValue:
                AppendList(text, value.ArrayValue.Values, '[', ']', maxLength, static (text, element, max) => Append(text, element, max));
                break;
            case AnyValue.ValueOneofCase.KvlistValue:
                AppendList(text, value.KvlistValue.Values, '{', '}', maxLength, static (text, pair, max) =>
                {
                    text.Append(pair.Key).Append('=');
                    Append(text, pair.Value, max);
                });
                break;
            case AnyValue.ValueOneofCase.StringValue:
                text.Append(value.StringValue, 0, Math.Min(value.StringValue.Length, Math.Max(0, maxLength - text.Length)));
                break;
            default:
                text.Append(Scalar(value, maxLength));
                break;
        }
    }

    private static void AppendList<T>(StringBuilder text, IList<T> items, char open, char close, int maxLength, Action<StringBuilder, T, int> append)
    {
        text.Append(open);
        for (var i = 0; i < items.Count && text.Length < maxLength; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            append(text, items[i], maxLength);
        }
        text.Append(close);
    }

    private static string Scalar(AnyValue? value, int maxLength) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => MetricNames.Number(value.DoubleValue),
        // Two characters a byte: only the bytes that can show are converted.
        AnyValue.ValueOneofCase.BytesValue => Convert.ToHexStringLower(value.BytesValue.Span[..Math.Min(value.BytesValue.Length, (maxLength + 1) / 2)]),
        _ => "",
    };

    private static string Cut(string text, int maxLength) => text.Length <= maxLength ? text : text[..maxLength];
}

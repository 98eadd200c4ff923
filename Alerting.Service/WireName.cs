using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfMonitor.Alerting;

/// <summary>
/// The text of an enum value wherever it leaves the process: the API's JSON, gRPC messages, PostgreSQL rows, payloads,
/// metric tags. It is the member's name in snake_case (<c>GreaterOrEqual</c> is <c>greater_or_equal</c>, as
/// JsonStringEnumConverter writes it with SnakeCaseLower) unless <see cref="JsonStringEnumMemberNameAttribute"/> names it.
/// </summary>
public static class WireName<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>().ToDictionary(value => value, NameOf);
    private static readonly Dictionary<string, TEnum> Values = Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every name, in declaration order: what "must be one of" lists.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<TEnum>().Select(value => Names[value])];

    public static string Of(TEnum value) => Names[value];

    /// <summary>Reads a name exactly as written (case included), as the API always has.</summary>
    public static bool TryParse(string? text, out TEnum value)
    {
        value = default;
        return text is not null && Values.TryGetValue(text, out value);
    }

    /// <summary>Reads a name this service stored itself: one it does not know is damaged data, not a user's mistake.</summary>
    public static TEnum Parse(string text) =>
        TryParse(text, out var value) ? value : throw new InvalidDataException($"'{text}' is not a known {typeof(TEnum).Name}");

    private static string NameOf(TEnum value)
    {
        var member = value.ToString();
        return typeof(TEnum).GetField(member)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(member);
    }
}

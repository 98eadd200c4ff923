using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PerfMonitor.Alerting.Rules;

/// <summary>
/// Selects series by one label, as Prometheus does: <c>=</c>, <c>!=</c>, <c>=~</c> and <c>!~</c>, regexes anchored
/// at both ends; a missing label reads as the empty string.
/// </summary>
public sealed class LabelMatcher
{
    public static readonly string[] Operators = ["=", "!=", "=~", "!~"];

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);
    private readonly Regex? regex;

    [JsonConstructor]
    public LabelMatcher(string name, string op, string value)
    {
        Name = name;
        Op = op;
        Value = value;
        if (op is "=~" or "!~")
        {
            regex = new Regex($"^(?:{value})$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, RegexTimeout);
        }
    }

    public string Name { get; }

    public string Op { get; }

    public string Value { get; }

    /// <summary>Whether two lists hold the same matchers in the same order.</summary>
    public static bool SameAs(IReadOnlyList<LabelMatcher> first, IReadOnlyList<LabelMatcher> second) =>
        first.Count == second.Count && first.Zip(second).All(p => p.First.Name == p.Second.Name && p.First.Op == p.Second.Op && p.First.Value == p.Second.Value);

    /// <summary>Null when the matcher is usable, else why not (an unknown operator or a bad regex).</summary>
    public static string? Check(string? name, string? op, string? value)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "name is required";
        }
        if (op is null || !Operators.Contains(op))
        {
            return $"op must be one of {string.Join(", ", Operators)}";
        }
        if (value is null)
        {
            return "value is required";
        }
        if (op is "=~" or "!~")
        {
            try
            {
                _ = new Regex($"^(?:{value})$", RegexOptions.NonBacktracking);
            }
            catch (ArgumentException ex)
            {
                return $"value is not a valid regular expression: {ex.Message}";
            }
        }
        return null;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var actual = labels.TryGetValue(Name, out var found) ? found : "";
        return Op switch
        {
            "=" => actual == Value,
            "!=" => actual != Value,
            "=~" => regex!.IsMatch(actual),
            "!~" => !regex!.IsMatch(actual),
            _ => false,
        };
    }

    public override string ToString() => $"{Name}{Op}\"{Value}\"";
}

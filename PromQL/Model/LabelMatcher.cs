using System.Text.RegularExpressions;

namespace PerfMonitor.PromQL.Model;

/// <summary>
/// A label matcher as Prometheus applies it: a missing label matches as the empty string, and regular
/// expressions are anchored at both ends.
/// </summary>
public sealed class LabelMatcher
{
    private readonly Regex? regex;

    public LabelMatcher(string name, LabelMatchType type, string value)
    {
        Name = name;
        Type = type;
        Value = value;
        if (type is LabelMatchType.Regex or LabelMatchType.NotRegex)
        {
            regex = new Regex("^(?:" + value + ")$", RegexOptions.CultureInvariant);
        }
    }

    public string Name { get; }

    public LabelMatchType Type { get; }

    public string Value { get; }

    public bool Matches(string? labelValue)
    {
        var value = labelValue ?? "";
        return Type switch
        {
            LabelMatchType.Equal => value == Value,
            LabelMatchType.NotEqual => value != Value,
            LabelMatchType.Regex => regex!.IsMatch(value),
            _ => !regex!.IsMatch(value),
        };
    }

    public bool Matches(LabelSet labels) => Matches(labels.Get(Name));

    public override string ToString() => Name + Type switch
    {
        LabelMatchType.Equal => "=",
        LabelMatchType.NotEqual => "!=",
        LabelMatchType.Regex => "=~",
        _ => "!~",
    } + StringQuoting.Quote(Value);
}

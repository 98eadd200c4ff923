using System.Text.Json.Serialization;

namespace PerfMonitor.Alerting.Rules;

/// <summary>How a rule compares its value with the threshold.</summary>
public enum RuleCondition
{
    GreaterThan,
    LessThan,

    // An enum member cannot be called Equals (it would hide object.Equals), so the wire name is given.
    [JsonStringEnumMemberName("equals")]
    EqualTo,

    [JsonStringEnumMemberName("not_equals")]
    NotEqualTo,

    GreaterOrEqual,
    LessOrEqual,
}

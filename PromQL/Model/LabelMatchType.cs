namespace PerfMonitor.PromQL.Model;

/// <summary>The four label matcher operators: <c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>.</summary>
public enum LabelMatchType
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

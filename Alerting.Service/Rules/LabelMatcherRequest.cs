namespace PerfMonitor.Alerting.Rules;

/// <summary>A label matcher as JSON carries it: name, op (=, !=, =~, !~) and value, checked by <see cref="LabelMatcher.Check"/>.</summary>
public sealed record LabelMatcherRequest(string? Name, string? Op, string? Value);

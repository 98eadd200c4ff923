namespace PerfMonitor.PromQL.Model;

/// <summary>One label of a series: a name and its value.</summary>
public readonly record struct Label(string Name, string Value);

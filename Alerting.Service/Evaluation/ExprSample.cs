namespace PerfMonitor.Alerting.Evaluation;

/// <summary>One series an expr rule's query returned: its labels and value at the evaluation time.</summary>
public readonly record struct ExprSample(IReadOnlyDictionary<string, string> Labels, double Value);

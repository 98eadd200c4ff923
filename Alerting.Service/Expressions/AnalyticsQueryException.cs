namespace PerfMonitor.Alerting.Expressions;

/// <summary>An expr rule's query failed: analytics unreachable, a refused query, or an answer that is not a vector.</summary>
public sealed class AnalyticsQueryException(string message, Exception? inner = null) : Exception(message, inner);

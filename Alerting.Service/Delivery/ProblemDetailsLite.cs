namespace PerfMonitor.Alerting.Delivery;

/// <summary>A 404's body for a replay that found nothing to replay.</summary>
public sealed record ProblemDetailsLite(string Title, string Detail);

namespace PerfMonitor.Analytics.Tests.Anomalies;

/// <summary>A synthetic minute series and the windows in which a detector should fire.</summary>
public sealed record LabelledSeries(string Class, IReadOnlyList<(DateTimeOffset Time, double Value)> Points, IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Incidents);

namespace PerfMonitor.Collector.Otlp;

/// <summary>The label candidates every data point of one scope shares, worked out once: service.name, the scope's attributes, the resource's.</summary>
public sealed record OtlpLabelContext(
    IReadOnlyList<(string Name, string Value)> Service,
    IReadOnlyList<(string Name, string Value)> Scope,
    IReadOnlyList<(string Name, string Value)> Resource);

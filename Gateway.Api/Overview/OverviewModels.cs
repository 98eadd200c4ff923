using System.Text.Json.Nodes;

namespace PerfMonitor.Gateway.Overview;

/// <summary>GET /api/v1/overview: the whole system on one screen.</summary>
public sealed record OverviewResponse(
    DateTimeOffset GeneratedAt,
    double? PerformanceScore,
    string SystemHealth,
    IReadOnlyList<ServiceHealth> Services,
    ActiveAlerts ActiveAlerts,
    IReadOnlyList<JsonNode> RecentAnomalies,
    IngestRate IngestRate,
    IReadOnlyList<string> Recommendations,
    IReadOnlyDictionary<string, string> Sources);

public sealed record ServiceHealth(string Name, double? Score, string Status, IReadOnlyList<ScoreComponent> Components, IReadOnlyList<string> Recommendations);

public sealed record ScoreComponent(string Name, double? Score, double? Value, string? Unit);

public sealed record ActiveAlerts(int Count, IReadOnlyDictionary<string, int> BySeverity, IReadOnlyList<JsonNode> Items);

/// <summary>Samples/s as the services report it (null when none does yet), and what the gateway itself forwarded.</summary>
public sealed record IngestRate(double? SamplesPerSecond, double RequestsPerSecond, double BytesPerSecond);

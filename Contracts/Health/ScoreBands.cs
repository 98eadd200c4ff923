namespace PerfMonitor.Contracts.Health;

/// <summary>
/// The one definition of the health-score bands (scores run 0-100): analytics names a service's status by them, the
/// gateway names the overall health by them, and the dashboard reads them from <c>GET /api/v1/score-bands</c>.
/// </summary>
public static class ScoreBands
{
    /// <summary>What a missing score is called.</summary>
    public const string Unknown = "unknown";

    /// <summary>Highest first; the last band also takes every score below its minimum (and NaN).</summary>
    public static IReadOnlyList<ScoreBand> All { get; } =
    [
        new("excellent", 80),
        new("good", 60),
        new("fair", 40),
        new("poor", 0),
    ];

    public static string Of(double score) => (All.FirstOrDefault(band => score >= band.Minimum) ?? All[^1]).Name;

    public static string Of(double? score) => score is { } value ? Of(value) : Unknown;
}

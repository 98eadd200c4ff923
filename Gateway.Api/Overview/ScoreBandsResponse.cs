using PerfMonitor.Contracts.Health;

namespace PerfMonitor.Gateway.Overview;

/// <summary>GET /api/v1/score-bands: the bands, highest first, and what a missing score is called.</summary>
public sealed record ScoreBandsResponse(IReadOnlyList<ScoreBand> Bands, string Unknown);

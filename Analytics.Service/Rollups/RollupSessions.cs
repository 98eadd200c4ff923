using Microsoft.Extensions.Options;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>Starts a fresh <see cref="RollupSession"/> for each run of the rollup consumer.</summary>
public sealed class RollupSessions(OffsetStore offsetStore, RollupWriter writer, RollupMetrics metrics, IOptions<RollupOptions> options)
{
    public RollupSession Start() => new(offsetStore, writer, metrics, options.Value);
}

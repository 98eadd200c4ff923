using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Alerting.Evaluation;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>The alert instances a replica holds in memory, looked at under its engine's gate (they are not thread-safe).</summary>
public static class HeldInstances
{
    public static async Task<bool> HoldsAsync(WebApplication app, Guid ruleId, long seriesId)
    {
        var instances = app.Services.GetRequiredService<AlertInstances>();
        var held = false;
        await app.Services.GetRequiredService<AlertEngine>().EvaluateAsync(now => held = instances.TryGet(ruleId, seriesId, out _), CancellationToken.None);
        return held;
    }
}

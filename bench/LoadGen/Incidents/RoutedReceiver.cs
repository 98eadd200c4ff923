using System.Net.Http.Json;

namespace PerfMonitor.LoadGen.Incidents;

/// <summary>
/// The probe's alerts through the routing tree instead of the rule's own webhook (<c>--routed-alerts</c>): a webhook
/// receiver for the probe's loopback URL and a tree whose one route takes the run's alerts, each incident its own group
/// (<c>group_by: ['...']</c>), with the critical default group wait (none). It replaces the whole tree, so it is for a
/// system booted by the load generator, not one shared with users.
/// </summary>
public static class RoutedReceiver
{
    /// <summary>Alertmanager's "group by every label": each incident is a group of its own, as an ungrouped alert is.</summary>
    private static readonly string[] EveryLabel = ["..."];

    public static async Task ConfigureAsync(HttpClient gateway, string runId, Uri url, CancellationToken cancellationToken)
    {
        var name = $"loadgen-{runId}";
        using var created = await gateway.PostAsJsonAsync("/api/v1/receivers", new { name, kind = "webhook", url }, cancellationToken);
        created.EnsureSuccessStatusCode();
        using var routed = await gateway.PutAsJsonAsync("/api/v1/routing", new
        {
            route = new
            {
                receiver = name,
                routes = new[] { new { matchers = new[] { $"run=\"{runId}\"" }, receiver = name, group_by = EveryLabel } },
            },
        }, cancellationToken);
        routed.EnsureSuccessStatusCode();
    }
}

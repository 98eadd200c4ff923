using System.Net;
using System.Text.Json;
using PerfMonitor.Contracts;

namespace PerfMonitor.EndToEnd.Tests;

[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class SupervisionTests(SystemFixture system)
{
    [Fact(Timeout = 120_000)]
    public async Task A_crashed_service_is_reported_by_the_gateway_then_restarted_and_the_dashboard_shows_it()
    {
        var analytics = system.App.Service(ResourceNames.Analytics);
        var restartsBefore = analytics.Restarts;
        var pidBefore = analytics.ProcessId;

        // Watched from before the crash: the line the dashboard shows in the resource's console log.
        var logged = analytics.WaitForLogAsync(line => line.Contains("analytics exited with code", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        analytics.Kill();
        var whileDown = await system.Gateway.GetAsync("/api/v1/rollups?metric=anything");
        await analytics.WaitHealthyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown.StatusCode);
        Assert.Equal("application/problem+json", whileDown.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await whileDown.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("analytics", problem.GetProperty("service").GetString());
        Assert.Equal(restartsBefore + 1, analytics.Restarts);
        Assert.NotEqual(pidBefore, analytics.ProcessId);
        Assert.Contains($"restart #{restartsBefore + 1}", await logged, StringComparison.Ordinal);
        Assert.True(analytics.IsHealthy);
    }
}

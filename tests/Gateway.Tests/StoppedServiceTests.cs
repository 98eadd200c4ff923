using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Contracts;
using PerfMonitor.EndToEnd.Tests;

namespace PerfMonitor.Gateway.Tests;

[Collection(SystemCollection.Name)]
public sealed class StoppedServiceTests(SystemFixture system)
{
    [Fact(Timeout = 300_000)]
    public async Task With_alerting_down_its_routes_answer_503_naming_it_and_the_overview_still_answers()
    {
        var alerting = system.App.Service(ResourceNames.Alerting);

        alerting.Kill();
        var rules = await system.Gateway.GetAsync("/api/v1/alert-rules");
        var overview = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/v1/overview");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, rules.StatusCode);
        Assert.Equal("application/problem+json", rules.Content.Headers.ContentType?.MediaType);
        Assert.True(rules.Headers.RetryAfter is not null);
        Assert.Equal("alerting", JsonDocument.Parse(await rules.Content.ReadAsStringAsync()).RootElement.GetProperty("service").GetString());
        Assert.NotEqual("ok", overview.GetProperty("sources").GetProperty("alerts").GetString());
        // Leave the system as found for the other tests (alerting's readiness waits for its consumer group).
        await alerting.WaitHealthyAsync(TimeSpan.FromMinutes(4), CancellationToken.None);
    }
}

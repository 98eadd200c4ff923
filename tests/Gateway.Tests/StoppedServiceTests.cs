using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Contracts;
using PerfMonitor.EndToEnd.Tests;

namespace PerfMonitor.Gateway.Tests;

[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class StoppedServiceTests(SystemFixture system)
{
    [Fact(Timeout = 300_000)]
    public async Task With_alerting_down_its_routes_answer_503_naming_it_and_the_overview_still_answers()
    {
        var alerting = system.App.Service(ResourceNames.Alerting);

        alerting.Kill();
        try
        {
            var rules = await system.Gateway.GetAsync("/api/v1/alert-rules");
            var overview = await system.Gateway.GetFromJsonAsync<JsonElement>("/api/v1/overview");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, rules.StatusCode);
            Assert.Equal("application/problem+json", rules.Content.Headers.ContentType?.MediaType);
            Assert.True(rules.Headers.RetryAfter is not null);
            Assert.Equal("alerting", JsonDocument.Parse(await rules.Content.ReadAsStringAsync()).RootElement.GetProperty("service").GetString());
            // The overview answers either way: with alerts missing and named in its sources, or with them if the
            // resilience handler's retry reached the restarted alerting within the overview's budget.
            Assert.Equal(JsonValueKind.String, overview.GetProperty("sources").GetProperty("alerts").ValueKind);
            Assert.Equal(JsonValueKind.Array, overview.GetProperty("services").ValueKind);
        }
        finally
        {
            // Leave the system as found for the other tests (alerting's readiness waits for its consumer group).
            await alerting.WaitHealthyAsync(TimeSpan.FromMinutes(4), CancellationToken.None);
        }
    }
}

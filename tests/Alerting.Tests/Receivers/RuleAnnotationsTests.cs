using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PerfMonitor.Alerting.Tests.Routing;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Tests.Receivers;

/// <summary>A rule's annotations, which templates show: a runbook URL must be a link, over REST and gRPC.</summary>
public sealed class RuleAnnotationsTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    [Fact(Timeout = 60_000)]
    public async Task A_runbook_url_that_is_no_absolute_http_url_is_refused_naming_the_annotation()
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "NoRunbook", metric = "m", condition = "greater_than", threshold = 1,
            annotations = new Dictionary<string, string> { ["summary"] = "ok", ["runbook_url"] = "javascript:alert(1)" },
        });
        using var channel = GrpcChannel.ForAddress(host.GrpcUrl);
        var spec = new AlertRuleSpec { Name = "NoRunbook", Kind = "threshold", Metric = "m", Condition = "greater_than", Threshold = 1 };
        spec.Annotations.Add("runbook_url", "/relative/page");
        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await new Alerts.AlertsClient(channel).CreateRuleAsync(spec));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("absolute http", errors.GetProperty("annotations.runbook_url")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("annotations.runbook_url:", invalid.Status.Detail, StringComparison.Ordinal);
    }
}

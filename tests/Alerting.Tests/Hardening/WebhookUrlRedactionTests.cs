using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>A Slack or Teams webhook URL is a credential: only callers the gateway marks admin see it whole.</summary>
public sealed class WebhookUrlRedactionTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private const string Token = "T0001/B0002/s3cretTokenInThePath";
    private const string SlackUrl = "https://hooks.slack.com/services/" + Token + "?channel=ops";
    private const string Redacted = "https://hooks.slack.com";

    [Theory(Timeout = 60_000)]
    [InlineData("read")]
    [InlineData("read,ingest")]
    [InlineData("readadmin")]
    [InlineData(null)]
    public async Task Rest_rule_responses_show_only_scheme_and_host_to_callers_without_admin(string? scopes)
    {
        var id = (await host.CreateRuleAsync(Rule())).GetProperty("id").GetString();
        using var client = host.ClientWithScopes(scopes);

        var one = await client.GetStringAsync($"/api/v1/alert-rules/{id}");
        var all = await client.GetStringAsync("/api/v1/alert-rules");
        var transcoded = await client.GetStringAsync($"/api/v1/rpc/alerts/rules/{id}");

        Assert.Equal(Redacted, JsonDocument.Parse(one).RootElement.GetProperty("webhookUrl").GetString());
        Assert.Equal(Redacted, JsonDocument.Parse(transcoded).RootElement.GetProperty("webhookUrl").GetString());
        Assert.Contains(JsonDocument.Parse(all).RootElement.EnumerateArray(), r => r.GetProperty("id").GetString() == id);
        Assert.All(new[] { one, all, transcoded }, body => Assert.DoesNotContain("s3cretTokenInThePath", body, StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task Admin_callers_see_the_whole_url_in_rest_grpc_and_transcoded_responses()
    {
        var id = (await host.CreateRuleAsync(Rule())).GetProperty("id").GetString()!;
        using var client = host.ClientWithScopes("read, Admin");
        using var channel = GrpcChannel.ForAddress(host.GrpcUrl);
        var grpc = new Alerts.AlertsClient(channel);

        var rest = await client.GetFromJsonAsync<JsonElement>($"/api/v1/alert-rules/{id}");
        var transcoded = await client.GetFromJsonAsync<JsonElement>($"/api/v1/rpc/alerts/rules/{id}");
        var message = await grpc.GetRuleAsync(new GetRuleRequest { Id = id }, Scopes("read,ingest,admin"));

        Assert.Equal(SlackUrl, rest.GetProperty("webhookUrl").GetString());
        Assert.Equal(SlackUrl, transcoded.GetProperty("webhookUrl").GetString());
        Assert.Equal(SlackUrl, message.WebhookUrl);
    }

    [Fact(Timeout = 60_000)]
    public async Task Grpc_rule_responses_are_redacted_for_callers_without_admin()
    {
        using var channel = GrpcChannel.ForAddress(host.GrpcUrl);
        var grpc = new Alerts.AlertsClient(channel);
        var created = await grpc.CreateRuleAsync(new AlertRuleSpec { Name = "grpc slack", Metric = "m", Condition = "greater_than", Threshold = 1, WebhookUrl = SlackUrl, Format = "slack" }, Scopes("admin"));

        var fetched = await grpc.GetRuleAsync(new GetRuleRequest { Id = created.Id }, Scopes("read"));
        var listed = await grpc.ListRulesAsync(new ListRulesRequest(), Scopes("read"));
        var anonymous = await grpc.GetRuleAsync(new GetRuleRequest { Id = created.Id });

        Assert.Equal(SlackUrl, created.WebhookUrl);
        Assert.Equal(Redacted, fetched.WebhookUrl);
        Assert.Equal(Redacted, listed.Rules.Single(r => r.Id == created.Id).WebhookUrl);
        Assert.Equal(Redacted, anonymous.WebhookUrl);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_delivery_log_redacts_urls_for_callers_without_admin()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var url = $"{receiver.BaseUrl}/hook/{Token}";
        var id = (await host.CreateRuleAsync(DeliveryTests.Rule(url))).GetProperty("id").GetString();
        var test = await host.Client.PostAsync($"/api/v1/alert-rules/{id}/test", null);
        using var reader = host.ClientWithScopes("read");

        var asReader = await reader.GetStringAsync($"/api/v1/notifications?ruleId={id}");
        var asAdmin = await host.Client.GetStringAsync($"/api/v1/notifications?ruleId={id}");

        Assert.Equal(url, (await test.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString());
        Assert.Equal(receiver.BaseUrl, JsonDocument.Parse(asReader).RootElement[0].GetProperty("url").GetString());
        Assert.DoesNotContain("s3cretTokenInThePath", asReader, StringComparison.Ordinal);
        Assert.Equal(url, JsonDocument.Parse(asAdmin).RootElement[0].GetProperty("url").GetString());
    }

    private static object Rule() => new
    {
        name = "slack redaction", metric = "redaction_probe", condition = "greater_than", threshold = 1, webhookUrl = SlackUrl, format = "slack",
    };

    private static Metadata Scopes(string scopes) => new() { { GatewayScopes.Header, scopes } };
}

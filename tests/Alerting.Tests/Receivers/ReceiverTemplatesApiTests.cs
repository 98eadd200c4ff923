using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PerfMonitor.Alerting.Tests.Routing;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Tests.Receivers;

/// <summary>Templates are checked when a receiver is saved, over REST and gRPC, and kept with it.</summary>
public sealed class ReceiverTemplatesApiTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    [Fact(Timeout = 60_000)]
    public async Task A_template_with_a_syntax_error_is_refused_with_problem_details_naming_the_field_and_fluids_message()
    {
        var name = $"tpl-{Guid.NewGuid():N}"[..16];

        var response = await host.Client.PostAsJsonAsync("/api/v1/receivers", new
        {
            name, kind = "webhook", url = "http://127.0.0.1:9/hook",
            templates = new { title = "{{ status }}", body = "{% for alert in alerts %}{{ alert.summary }}" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.False(errors.TryGetProperty("templates.title", out _));
        Assert.Contains("endfor", errors.GetProperty("templates.body")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/api/v1/receivers/{name}")).StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_alertmanager_receiver_takes_no_templates()
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/receivers", new
        {
            name = $"am-{Guid.NewGuid():N}"[..16], kind = "alertmanager", url = "http://127.0.0.1:9093", templates = new { title = "{{ status }}" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("templates", out _));
    }

    [Fact(Timeout = 60_000)]
    public async Task Templates_are_refused_over_grpc_with_invalid_argument_and_kept_when_valid()
    {
        using var channel = GrpcChannel.ForAddress(host.GrpcUrl);
        var client = new Alerts.AlertsClient(channel);
        var name = $"gtpl-{Guid.NewGuid():N}"[..16];

        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateReceiverAsync(new ReceiverSpec
        {
            Name = name, Kind = "webhook", Url = "http://127.0.0.1:9/hook", Templates = new ReceiverTemplates { Title = "{{ status " },
        }));
        var created = await client.CreateReceiverAsync(new ReceiverSpec
        {
            Name = name, Kind = "webhook", Url = "http://127.0.0.1:9/hook", Templates = new ReceiverTemplates { Title = "{{ title }}", Body = "{{ alerts.size }} alerts" },
        });
        var read = await host.Client.GetFromJsonAsync<JsonElement>($"/api/v1/receivers/{name}");

        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.StartsWith("templates.title:", invalid.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("{{ title }}", created.Templates.Title);
        Assert.Equal("{{ alerts.size }} alerts", read.GetProperty("templates").GetProperty("body").GetString());
    }
}

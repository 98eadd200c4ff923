using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PerfMonitor.Alerting.Tests.Routing;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Tests.Receivers;

/// <summary>perfmon.v1.Alerts' receiver and dry-run methods: the same checks and answers as REST.</summary>
public sealed class ReceiversGrpcTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    [Fact(Timeout = 60_000)]
    public async Task Receivers_are_created_listed_refused_and_dry_run_over_grpc()
    {
        await using var receiver = await TestReceiver.StartAsync();
        using var channel = GrpcChannel.ForAddress(host.GrpcUrl);
        var client = new Alerts.AlertsClient(channel);
        var name = $"grpc-{Guid.NewGuid():N}"[..16];

        var created = await client.CreateReceiverAsync(new ReceiverSpec { Name = name, Kind = "webhook", Url = receiver.Url, Secret = "signing-key" });
        var listed = await client.ListReceiversAsync(new ListReceiversRequest());
        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateReceiverAsync(new ReceiverSpec { Name = "x", Kind = "pagerduty" }));
        var taken = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateReceiverAsync(new ReceiverSpec { Name = name, Kind = "webhook", Url = receiver.Url }));
        await host.PutRoutingYamlAsync($"route:\n  receiver: {name}\n  group_by: [service]\n");
        var dryRun = await client.DryRunRoutingAsync(new DryRunRoutingRequest { Labels = { ["alertname"] = "Disk", ["service"] = "pg" } });

        Assert.True(created.HasSecret);
        Assert.Contains(listed.Receivers, r => r.Name == name && r.Kind == "webhook");
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("secret:", invalid.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
        Assert.Equal([name], dryRun.Receivers);
        Assert.Equal("pg", dryRun.Routes[0].GroupLabels["service"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_receiver_a_report_schedule_names_is_not_deleted_over_grpc()
    {
        await using var receiver = await TestReceiver.StartAsync();
        using var channel = GrpcChannel.ForAddress(host.GrpcUrl);
        var client = new Alerts.AlertsClient(channel);
        var name = await host.WebhookReceiverAsync(receiver);
        (await host.Client.PutAsJsonAsync("/api/v1/reports/schedules/weekly", new { receivers = new[] { name } })).EnsureSuccessStatusCode();

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await client.DeleteReceiverAsync(new DeleteReceiverRequest { Name = name }));
        (await host.Client.PutAsJsonAsync("/api/v1/reports/schedules/weekly", new { receivers = Array.Empty<string>() })).EnsureSuccessStatusCode();
        await client.DeleteReceiverAsync(new DeleteReceiverRequest { Name = name });

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains($"the weekly report schedule sends to '{name}'", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await host.Client.GetAsync($"/api/v1/receivers/{name}")).StatusCode);
    }
}

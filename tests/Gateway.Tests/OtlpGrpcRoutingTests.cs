using System.Diagnostics.Metrics;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using PerfMonitor.EndToEnd.Tests;
using PerfMonitor.Gateway.Tests.Support;

namespace PerfMonitor.Gateway.Tests;

[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class OtlpGrpcRoutingTests(SystemFixture system)
{
    [Fact(Timeout = 90_000)]
    public async Task OTLP_gRPC_through_the_gateway_is_unauthenticated_without_a_key_and_accepted_from_an_SDK_sending_the_ingest_key()
    {
        using var channel = GrpcChannel.ForAddress(system.App.GatewayGrpcUrl);
        using var meter = new Meter($"PerfMonitor.Gateway.Tests.{Guid.NewGuid():N}");
        using var provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService("otlp-grpc-gateway-test"))
            .AddMeter(meter.Name)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = system.App.GatewayGrpcUrl;
                exporter.Protocol = OtlpExportProtocol.Grpc;
                // What OTEL_EXPORTER_OTLP_HEADERS=x-api-key=<key> sets.
                exporter.Headers = $"x-api-key={system.IngesterKey}";
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000;
            })
            .Build();
        meter.CreateCounter<long>("gateway.otlp.grpc.exports").Add(1);

        var anonymous = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(RawOtlpGrpc.Export, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), []));
        var exported = provider.ForceFlush(30_000);

        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.True(exported, "the SDK's OTLP/gRPC export through the gateway with the ingest key failed");
    }
}

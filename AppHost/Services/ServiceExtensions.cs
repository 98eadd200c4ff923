using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace PerfMonitor.AppHost.Services;

public static class ServiceExtensions
{
    public const string HttpEndpoint = "http";
    public const string GrpcEndpoint = "grpc";
    private const string Loopback = "127.0.0.1";

    /// <summary>
    /// A PerfMonitor service: two endpoints on loopback, <c>http</c> (HTTP/1.1 and REST) and <c>grpc</c> (plain-text
    /// HTTP/2, which Kestrel serves only on an HTTP/2-only endpoint), ready when /health says so, started again when it
    /// crashes, and run in the AppHost's environment (without a launch profile Aspire would leave it Production).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(
        this IDistributedApplicationBuilder builder, string name, AppHostOptions options, int? httpPort = null, int? grpcPort = null)
        where TProject : IProjectMetadata, new()
    {
        var service = builder.AddProject<TProject>(name, project => project.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: httpPort, name: HttpEndpoint, isProxied: false)
            .WithHttpEndpoint(port: grpcPort, name: GrpcEndpoint, isProxied: false)
            .WithEndpoint(HttpEndpoint, endpoint => endpoint.TargetHost = Loopback)
            .WithEndpoint(GrpcEndpoint, endpoint =>
            {
                endpoint.TargetHost = Loopback;
                endpoint.Transport = "http2";
            })
            .WithHttpHealthCheck("/health", endpointName: HttpEndpoint)
            .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", ((int)options.OtlpExportTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture))
            .WithAnnotation(new RestartOnCrashAnnotation());

        var http = service.GetEndpoint(HttpEndpoint);
        var grpc = service.GetEndpoint(GrpcEndpoint);
        service
            .WithEnvironment("Kestrel__Endpoints__http__Url", ReferenceExpression.Create($"http://{Loopback}:{http.Property(EndpointProperty.TargetPort)}"))
            .WithEnvironment("Kestrel__Endpoints__grpc__Url", ReferenceExpression.Create($"http://{Loopback}:{grpc.Property(EndpointProperty.TargetPort)}"))
            .WithEnvironment("Kestrel__Endpoints__grpc__Protocols", "Http2");

        // Once, whatever the number of services: restarts after crashes, and services stopped before infrastructure.
        builder.Services.AddHostedService<CrashRestarter>();
        builder.Services.AddHostedService<OrderlyShutdown>();
        return service;
    }

    /// <summary>
    /// PerfMonitor monitors itself: the service's metrics also go to the collector's OTLP/HTTP endpoint, beside the
    /// OTLP export (logs, traces, metrics) to the Aspire dashboard.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSelfMonitoring(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> collector) =>
        service.WithEnvironment("SelfMonitoring__MetricsEndpoint", ReferenceExpression.Create($"{collector.GetEndpoint(HttpEndpoint)}/v1/metrics"));

    /// <summary>
    /// Links in notifications (the dashboard's explorer at the alert's time, the acknowledge link) point at the gateway,
    /// the one address a person can open; alerting itself is not reachable from outside.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPublicLinksTo(this IResourceBuilder<ProjectResource> alerting, IResourceBuilder<ProjectResource> gateway)
    {
        var url = gateway.GetEndpoint(HttpEndpoint);
        return alerting
            .WithEnvironment("Alerting__Templates__DashboardUrl", ReferenceExpression.Create($"{url}"))
            .WithEnvironment("Alerting__Acknowledge__PublicBaseUrl", ReferenceExpression.Create($"{url}"));
    }
}

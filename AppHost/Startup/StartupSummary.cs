using System.Diagnostics;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using PerfMonitor.AppHost.Access;
using PerfMonitor.AppHost.Services;

namespace PerfMonitor.AppHost.Startup;

/// <summary>
/// What a user needs once everything is up, printed when the gateway turns healthy: the Aspire dashboard's login
/// link, the gateway's URLs, where the API key is kept (never the key) and the PerfMonitor dashboard's sign-in link.
/// </summary>
public static class StartupSummary
{
    public static IResourceBuilder<ProjectResource> WithStartupSummary(this IResourceBuilder<ProjectResource> gateway, GatewayAccess access)
    {
        var clock = Stopwatch.StartNew();
        var configuration = gateway.ApplicationBuilder.Configuration;
        return gateway.OnResourceReady((resource, _, _) =>
        {
            var http = new Uri(resource.GetEndpoint(ServiceExtensions.HttpEndpoint).Url);
            var grpc = new Uri(resource.GetEndpoint(ServiceExtensions.GrpcEndpoint).Url);
            Console.WriteLine(Describe(clock.Elapsed, DashboardLogin(configuration), http, grpc, access));
            return Task.CompletedTask;
        });
    }

    private static string Describe(TimeSpan elapsed, string? dashboard, Uri http, Uri grpc, GatewayAccess access)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"PerfMonitor is up in {elapsed.TotalSeconds:0.0}s.");
        text.AppendLine();
        if (dashboard is not null)
        {
            text.AppendLine($"  Aspire dashboard:      {dashboard}");
        }
        text.AppendLine($"  Gateway:               {http}  (gRPC {grpc})");
        text.AppendLine($"  API key (admin):       in {access.ApiKeyFile}");
        text.AppendLine($"  PerfMonitor dashboard: {access.SignInLink(http)}  (signs this browser in, once)");
        text.AppendLine();
        text.AppendLine($"  Try: KEY=$(cat {access.ApiKeyFile})");
        text.AppendLine($"       curl -X POST {http}api/v1/samples -H \"X-Api-Key: $KEY\" -H 'Content-Type: application/json' \\");
        text.AppendLine("         -d '{\"samples\":[{\"metric\":\"http_request_duration_ms\",\"labels\":{\"service\":\"shop\"},\"value\":42}]}'");
        text.AppendLine($"       curl -H \"X-Api-Key: $KEY\" '{http}api/v1/rollups?metric=http_request_duration_ms&labels=service:shop'");
        text.AppendLine();
        text.AppendLine("  Press Ctrl+C to stop everything.");
        return text.ToString();
    }

    /// <summary>The dashboard's login link with its browser token; none when the dashboard is off (tests) or open.</summary>
    private static string? DashboardLogin(IConfiguration configuration) =>
        configuration["ASPNETCORE_URLS"]?.Split(';')[0] is { Length: > 0 } url && configuration["AppHost:BrowserToken"] is { Length: > 0 } token
            ? $"{url.TrimEnd('/')}/login?t={token}"
            : null;
}

using Aspire.Hosting.ApplicationModel;

namespace PerfMonitor.AppHost.Access;

public static class GatewayAccessExtensions
{
    public static IResourceBuilder<ProjectResource> WithAccess(this IResourceBuilder<ProjectResource> gateway, GatewayAccess access) => gateway
        .WithEnvironment("ApiKeys__admin__Key", access.ApiKey)
        .WithEnvironment("ApiKeys__admin__Scopes", "admin")
        .WithEnvironment("Access__SignInToken", access.SignInToken);
}

using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Contracts;
using PerfMonitor.Embedded.Postgres;

namespace PerfMonitor.AppHost.Postgres;

public static class ServiceDatabaseExtensions
{
    private const string ActiveState = "Active";

    private static readonly Dictionary<string, string> RoleOfService = new(StringComparer.Ordinal)
    {
        [ResourceNames.Collector] = ServiceRoles.Collector,
        [ResourceNames.Analytics] = ServiceRoles.Analytics,
        [ResourceNames.Alerting] = ServiceRoles.Alerting,
    };

    /// <summary>
    /// The metrics database for one service, still as <c>ConnectionStrings__metricsdb</c>: on the embedded server
    /// through the service's own role (metricsdb-{service}), on a user's own server through the connection string
    /// they gave. Either way the service waits for the server (and its roles) to be ready.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMetricsDb(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString> metricsdb)
    {
        if (metricsdb.Resource is not EmbeddedPostgresResource embedded)
        {
            return service.WithReference(metricsdb).WaitFor(metricsdb);
        }
        var role = RoleOfService.TryGetValue(service.Resource.Name, out var known)
            ? known
            : throw new InvalidOperationException($"{service.Resource.Name} has no PostgreSQL role; add one to service-roles.sql.");
        var database = service.ApplicationBuilder.AddResource(new ServiceDatabaseResource($"{metricsdb.Resource.Name}-{service.Resource.Name}", embedded, role))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgreSQL role",
                State = KnownResourceStates.Waiting,
                Properties = [new("postgres.role", role)],
            })
            .ExcludeFromManifest();
        // The server is ready only once its readiness check has provisioned the roles (PostgresReadyCheck).
        service.ApplicationBuilder.Eventing.Subscribe<ResourceReadyEvent>(embedded, (e, _) =>
            e.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database.Resource,
                snapshot => snapshot with { State = new ResourceStateSnapshot(ActiveState, KnownResourceStateStyles.Success) }));
        return service.WithReference(database, connectionName: metricsdb.Resource.Name).WaitFor(metricsdb);
    }
}

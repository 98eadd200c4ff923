using Aspire.Hosting.ApplicationModel;
using PerfMonitor.Embedded.Postgres;

namespace PerfMonitor.AppHost.Postgres;

/// <summary>
/// The embedded metrics database as one service's role sees it: the same server and database, logged in as
/// <paramref name="role"/> with the password kept in the cluster's data folder (never in the repository).
/// </summary>
public sealed class ServiceDatabaseResource(string name, EmbeddedPostgresResource parent, string role)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent<EmbeddedPostgresResource>
{
    public EmbeddedPostgresResource Parent { get; } = parent;

    public string Role { get; } = role;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={Parent.PrimaryEndpoint.Property(EndpointProperty.Port)};Username={Role};Password={Parent.Cluster.RolePassword(Role)};Database={Parent.Cluster.Database}");
}

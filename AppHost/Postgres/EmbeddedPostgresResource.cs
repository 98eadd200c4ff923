using Aspire.Hosting.ApplicationModel;
using PerfMonitor.Embedded.Postgres;

namespace PerfMonitor.AppHost.Postgres;

/// <summary>
/// PostgreSQL from this machine's server binaries, run by DCP as an executable on a cluster kept in the data folder.
/// Its connection string is Npgsql's form, on the port Aspire allocated.
/// </summary>
public sealed class EmbeddedPostgresResource(string name, string command, PostgresCluster cluster)
    : ExecutableResource(name, command, cluster.DataDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public PostgresCluster Cluster { get; } = cluster;

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={PostgresCluster.ServiceUser};Password={Cluster.Password};Database={Cluster.Database}");
}

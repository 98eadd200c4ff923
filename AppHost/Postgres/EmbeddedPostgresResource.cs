using Aspire.Hosting.ApplicationModel;
using PerfMonitor.AppHost.Services;
using PerfMonitor.Embedded.Postgres;
using PerfMonitor.Embedded.Processes;

namespace PerfMonitor.AppHost.Postgres;

/// <summary>
/// PostgreSQL from this machine's server binaries, run by DCP as an executable on a cluster kept in the data folder.
/// Its connection string is Npgsql's form, on the port Aspire allocated.
/// </summary>
public sealed class EmbeddedPostgresResource(string name, string command, PostgresCluster cluster)
    : ExecutableResource(name, command, cluster.DataDirectory), IResourceWithConnectionString, IStopsAfterServices
{
    private static readonly TimeSpan StopPollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan FastShutdownTimeout = TimeSpan.FromSeconds(5);

    public const string EndpointName = "tcp";

    public PostgresCluster Cluster { get; } = cluster;

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={PostgresCluster.ServiceUser};Password={Cluster.Password};Database={Cluster.Database}");

    /// <summary>
    /// A fast shutdown (SIGINT) once the services are gone, waited for, so the cluster is left clean before DCP, with
    /// its SIGTERM (PostgreSQL's smart shutdown, which waits for every client), would get to it.
    /// </summary>
    public async Task StopAfterServicesAsync(CancellationToken cancellationToken)
    {
        if (Cluster.PostmasterPid() is not { } pid || !Cluster.FastShutdown())
        {
            return;
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(FastShutdownTimeout);
        try
        {
            while (ProcessTree.IsAlive(pid))
            {
                await Task.Delay(StopPollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // DCP's own stop follows.
        }
    }
}

using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.AppHost.Postgres;
using PerfMonitor.Contracts;
using PerfMonitor.Embedded.Postgres;

namespace PerfMonitor.AppHost.Tests.Roles;

/// <summary>The AppHost's own model, built but not started: which database login each service is given.</summary>
public sealed class ServiceConnectionStringTests(BuiltAppHost apphost) : IClassFixture<BuiltAppHost>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static TheoryData<string, string> ServicesAndRoles => new()
    {
        { ResourceNames.Collector, ServiceRoles.Collector },
        { ResourceNames.Analytics, ServiceRoles.Analytics },
        { ResourceNames.Alerting, ServiceRoles.Alerting },
    };

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(ServicesAndRoles))]
    public async Task Each_service_reads_ConnectionStrings_metricsdb_naming_its_own_role(string service, string role)
    {
        using var cancellation = new CancellationTokenSource(Timeout);
        var application = apphost.Application;
        var project = application.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().Single(r => r.Name == service);

        var environment = await EnvironmentAsync(application, project, cancellation.Token);

        var reference = Assert.IsType<ConnectionStringReference>(environment[$"ConnectionStrings__{ResourceNames.MetricsDb}"]);
        var database = Assert.IsType<ServiceDatabaseResource>(reference.Resource);
        Assert.Equal(role, database.Role);
        var connectionString = database.ConnectionStringExpression.ValueExpression;
        Assert.Contains($"Username={role};", connectionString, StringComparison.Ordinal);
        Assert.DoesNotContain($"Username={PostgresCluster.ServiceUser};", connectionString, StringComparison.Ordinal);
        Assert.Contains($"Password={database.Parent.Cluster.RolePassword(role)};", connectionString, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task The_gateway_gets_no_database_connection()
    {
        using var cancellation = new CancellationTokenSource(Timeout);
        var application = apphost.Application;
        var gateway = application.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().Single(r => r.Name == ResourceNames.Gateway);

        var environment = await EnvironmentAsync(application, gateway, cancellation.Token);

        Assert.DoesNotContain(environment.Keys, name => name.StartsWith("ConnectionStrings__metricsdb", StringComparison.Ordinal));
    }

    // The environment callbacks as the orchestrator runs them, without resolving endpoints that are not allocated yet.
    private static async Task<Dictionary<string, object>> EnvironmentAsync(DistributedApplication application, ProjectResource project, CancellationToken cancellationToken)
    {
        var context = new EnvironmentCallbackContext(application.Services.GetRequiredService<DistributedApplicationExecutionContext>(), project, cancellationToken: cancellationToken);
        foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return context.EnvironmentVariables;
    }
}

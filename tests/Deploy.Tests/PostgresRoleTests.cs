using PerfMonitor.Deploy.Tests.Support;
using PerfMonitor.Embedded.Postgres;

namespace PerfMonitor.Deploy.Tests;

/// <summary>Each service's own PostgreSQL login (docs/deploy.md 2.3, service-roles.sql), as the manifests wire it.</summary>
public sealed class PostgresRoleTests
{
    private const string UsernameVariable = "METRICSDB_USERNAME";
    private const string PasswordVariable = "METRICSDB_PASSWORD";
    private const string RolesConfigMapKey = "service-roles.sql";

    public static TheoryData<string> OverlaysWithPostgres => [.. Overlays.Names.Where(o => Kustomize.Overlay(o).PostgresClusters.Any())];

    [Theory]
    [MemberData(nameof(EnvironmentContractTests.DataServicesInOverlays), MemberType = typeof(EnvironmentContractTests))]
    public void Each_data_service_logs_in_with_the_credentials_of_its_own_role(string overlay, string service)
    {
        var rendered = Kustomize.Overlay(overlay);

        var (username, password) = Credentials(rendered, service);

        Assert.Equal(($"metricsdb-{service}", "username"), username);
        Assert.Equal(($"metricsdb-{service}", "password"), password);
    }

    [Theory]
    [MemberData(nameof(OverlaysWithPostgres))]
    public void The_cluster_gives_each_service_role_login_from_the_secret_its_service_reads(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var roles = rendered.PostgresClusters.Single().Maps("managed", "roles").ToDictionary(r => GenericResource.Get(r, "name")!);

        Assert.Equal(ServiceRoles.All.Order(), roles.Keys.Order());
        Assert.All(Contract.DataServices, service =>
        {
            var role = roles[$"perfmon_{service}"];
            Assert.Equal("True", GenericResource.Get(role, "login"), ignoreCase: true);
            var secret = Assert.IsType<Dictionary<object, object>>(role["passwordSecret"]);
            Assert.Equal(Credentials(rendered, service).Password.Name, GenericResource.Get(secret, "name"));
            Assert.DoesNotContain(role.Keys, key => key is "superuser" or "createrole" or "createdb" or "bypassrls" or "replication");
        });
    }

    [Theory]
    [MemberData(nameof(OverlaysWithPostgres))]
    public void Only_the_collector_role_reads_the_server_statistics(string overlay)
    {
        var roles = Kustomize.Overlay(overlay).PostgresClusters.Single().Maps("managed", "roles").ToList();

        var monitors = roles.Where(r => r.TryGetValue("inRoles", out var member) && member is List<object> list && list.Contains("pg_monitor"));

        Assert.Equal([ServiceRoles.Collector], monitors.Select(r => GenericResource.Get(r, "name")));
    }

    [Theory]
    [MemberData(nameof(OverlaysWithPostgres))]
    public void The_cluster_bootstraps_the_rights_with_the_file_the_AppHost_runs(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var reference = rendered.PostgresClusters.Single().Maps("bootstrap", "initdb", "postInitApplicationSQLRefs", "configMapRefs").Single();

        var configMap = rendered.ConfigMap(GenericResource.Get(reference, "name")!);

        Assert.NotNull(configMap);
        Assert.Equal(RolesConfigMapKey, GenericResource.Get(reference, "key"));
        Assert.Equal(ServiceRoles.Sql, configMap.Data[RolesConfigMapKey]);
    }

    private static ((string Name, string? Key) Username, (string Name, string? Key) Password) Credentials(RenderedOverlay rendered, string service)
    {
        var main = rendered.Workload(service).Main;
        var secretOf = (main.Env ?? []).Where(v => v.ValueFrom?.SecretKeyRef is not null)
            .ToDictionary(v => v.Name, v => (v.ValueFrom.SecretKeyRef.Name, (string?)v.ValueFrom.SecretKeyRef.Key));
        return (secretOf[UsernameVariable], secretOf[PasswordVariable]);
    }
}

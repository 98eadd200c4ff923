using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Embedded.Postgres;
using PerfMonitor.TestSupport;

namespace PerfMonitor.AppHost.Tests.Roles;

public sealed class ServiceRoleProvisioningTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact(Timeout = 240_000)]
    public async Task Tables_migrated_before_the_roles_existed_move_to_the_service_that_made_them()
    {
        using var folder = new TempFolder("perfmon-pg-roles-upgrade");
        using var cancellation = new CancellationTokenSource(Timeout);
        await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(Path.Combine(folder.Path, "postgres")) { Durable = false }, cancellation.Token);
        // Yesterday's system: both services migrated as the superuser, a partition already written.
        await RoleDatabase.MigrateAsync(server.ConnectionString, RoleDatabase.Analytics, cancellation.Token);
        await RoleDatabase.MigrateAsync(server.ConnectionString, RoleDatabase.Alerting, cancellation.Token);
        var partition = RollupPartitions.MinuteTable(new DateOnly(2001, 2, 3));
        await using (var dataSource = NpgsqlDataSource.Create(server.ConnectionString))
        {
            await RollupPartitions.CreateAsync(dataSource, partition, cancellation.Token);
        }

        await server.ProvisionServiceRolesAsync(cancellation.Token);
        await RoleDatabase.MigrateAsync(server.ConnectionStringFor(ServiceRoles.Analytics), RoleDatabase.Analytics, cancellation.Token);
        await RoleDatabase.MigrateAsync(server.ConnectionStringFor(ServiceRoles.Alerting), RoleDatabase.Alerting, cancellation.Token);

        Assert.Equal(ServiceRoles.Analytics, await OwnerAsync(server, "rollups_1m"));
        Assert.Equal(ServiceRoles.Analytics, await OwnerAsync(server, partition.Name));
        Assert.Equal(ServiceRoles.Alerting, await OwnerAsync(server, "alert_rules"));
        Assert.Equal(ServiceRoles.Alerting, await OwnerAsync(server, "data_protection_keys"));
        // Retention drops old partitions: only their owner may.
        await RoleDatabase.ExecuteAsync(server.ConnectionStringFor(ServiceRoles.Analytics), $"DROP TABLE perfmon.{partition.Name}");
        Assert.Equal(0L, await RoleDatabase.ScalarAsync<long>(server.ConnectionStringFor(ServiceRoles.Collector), "SELECT count(*) FROM perfmon.consumer_offsets"));
    }

    [Fact(Timeout = 240_000)]
    public async Task Provisioning_again_keeps_the_rights_and_takes_a_changed_password()
    {
        using var folder = new TempFolder("perfmon-pg-roles-again");
        using var cancellation = new CancellationTokenSource(Timeout);
        var postgres = Path.Combine(folder.Path, "postgres");
        await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(postgres) { Durable = false }, cancellation.Token);
        await server.ProvisionServiceRolesAsync(cancellation.Token);
        await RoleDatabase.MigrateAsync(server.ConnectionStringFor(ServiceRoles.Analytics), RoleDatabase.Analytics, cancellation.Token);
        var oldCollector = server.ConnectionStringFor(ServiceRoles.Collector);

        // A new password file (an operator rotating it) replaces the old password on the next provisioning.
        File.Delete(Path.Combine(postgres, "roles", ServiceRoles.Collector));
        await server.ProvisionServiceRolesAsync(cancellation.Token);
        NpgsqlConnection.ClearAllPools();

        Assert.Equal(0L, await RoleDatabase.ScalarAsync<long>(server.ConnectionStringFor(ServiceRoles.Collector), "SELECT count(*) FROM perfmon.consumer_offsets"));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => RoleDatabase.ExecuteAsync(oldCollector, "SELECT 1"));
        Assert.Equal("28P01", refused.SqlState);
    }

    private static Task<string> OwnerAsync(EmbeddedPostgres server, string table) =>
        RoleDatabase.ScalarAsync<string>(server.ConnectionString, $"SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'perfmon.{table}'::regclass");
}

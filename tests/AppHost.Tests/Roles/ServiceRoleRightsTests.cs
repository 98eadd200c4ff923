using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Embedded.Postgres;

namespace PerfMonitor.AppHost.Tests.Roles;

/// <summary>What each service's own role may and may not do on a database both migrating services built.</summary>
public sealed class ServiceRoleRightsTests(RoleDatabase database) : IClassFixture<RoleDatabase>
{
    private const string InsufficientPrivilege = "42501";

    public static TheoryData<string> RollupTables => [RollupPartitions.Minutes, RollupPartitions.FiveMinutes, RollupPartitions.Hours];

    public static TheoryData<string> AlertingTables =>
        ["alert_rules", "alerts", "alert_history", "notifications", "notification_attempts", "silences", "data_protection_keys"];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(RollupTables))]
    public async Task The_collector_role_cannot_insert_into_the_rollups(string table)
    {
        var denied = await Assert.ThrowsAsync<PostgresException>(() =>
            RoleDatabase.ExecuteAsync(database.Server.ConnectionStringFor(ServiceRoles.Collector), InsertNothing(table)));

        Assert.Equal(InsufficientPrivilege, denied.SqlState);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(RollupTables))]
    public async Task The_analytics_role_can_insert_into_the_rollups(string table)
    {
        await RoleDatabase.ExecuteAsync(database.Server.ConnectionStringFor(ServiceRoles.Analytics), InsertNothing(table));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("INSERT INTO perfmon.rollups_1m SELECT * FROM perfmon.rollups_1m WHERE false")]
    [InlineData("UPDATE perfmon.rollups_1m SET count = 0 WHERE false")]
    [InlineData("DELETE FROM perfmon.rollups_5m WHERE false")]
    [InlineData("TRUNCATE perfmon.rollups_1h")]
    [InlineData("DELETE FROM perfmon.consumer_offsets WHERE false")]
    public async Task The_alerting_role_cannot_write_the_rollups(string sql)
    {
        var denied = await Assert.ThrowsAsync<PostgresException>(() =>
            RoleDatabase.ExecuteAsync(database.Server.ConnectionStringFor(ServiceRoles.Alerting), sql));

        Assert.Equal(InsufficientPrivilege, denied.SqlState);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(AlertingTables))]
    public async Task The_alerting_role_writes_its_own_tables_and_the_collector_cannot_read_them(string table)
    {
        await RoleDatabase.ExecuteAsync(database.Server.ConnectionStringFor(ServiceRoles.Alerting), InsertNothing(table));

        var denied = await Assert.ThrowsAsync<PostgresException>(() =>
            RoleDatabase.ExecuteAsync(database.Server.ConnectionStringFor(ServiceRoles.Collector), $"SELECT * FROM perfmon.{table}"));
        Assert.Equal(InsufficientPrivilege, denied.SqlState);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_analytics_role_cannot_read_alerting_secrets()
    {
        var denied = await Assert.ThrowsAsync<PostgresException>(() =>
            RoleDatabase.ExecuteAsync(database.Server.ConnectionStringFor(ServiceRoles.Analytics), "SELECT * FROM perfmon.data_protection_keys"));

        Assert.Equal(InsufficientPrivilege, denied.SqlState);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_collector_role_reads_what_its_probes_need_and_no_metrics()
    {
        var collector = database.Server.ConnectionStringFor(ServiceRoles.Collector);

        // The PostgreSQL probe: every session's statistics (pg_monitor), not only the collector's own.
        Assert.True(await RoleDatabase.ScalarAsync<bool>(collector, "SELECT pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')"));
        // The Kafka lag probe: the offsets analytics stores with its rollups.
        Assert.Equal(0L, await RoleDatabase.ScalarAsync<long>(collector, "SELECT count(*) FROM perfmon.consumer_offsets WHERE false"));

        var denied = await Assert.ThrowsAsync<PostgresException>(() => RoleDatabase.ExecuteAsync(collector, "SELECT * FROM perfmon.rollups_1m"));
        Assert.Equal(InsufficientPrivilege, denied.SqlState);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_analytics_role_creates_and_drops_rollup_partitions()
    {
        var analytics = database.Server.ConnectionStringFor(ServiceRoles.Analytics);
        var partition = RollupPartitions.MinuteTable(new DateOnly(2001, 2, 3));
        await using (var dataSource = NpgsqlDataSource.Create(analytics))
        {
            await RollupPartitions.CreateAsync(dataSource, partition, CancellationToken.None);
        }

        await RoleDatabase.ExecuteAsync(analytics, $"DROP TABLE perfmon.{partition.Name}");
    }

    // Rights are checked before any row is read or routed: a statement that moves no row still needs them.
    private static string InsertNothing(string table) => $"INSERT INTO perfmon.{table} SELECT * FROM perfmon.{table} WHERE false";
}

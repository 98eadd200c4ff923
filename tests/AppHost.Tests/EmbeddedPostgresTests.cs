using Npgsql;
using PerfMonitor.Embedded.Postgres;
using PerfMonitor.TestSupport;

namespace PerfMonitor.AppHost.Tests;

[Trait("Category", "System")]
public sealed class EmbeddedPostgresTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact(Timeout = 180_000)]
    public async Task A_second_start_reuses_the_data_folder_and_its_password()
    {
        using var folder = new TempFolder("perfmon-pg-reuse");
        using var cancellation = new CancellationTokenSource(Timeout);
        var options = new EmbeddedPostgresOptions(Path.Combine(folder.Path, "postgres")) { Durable = false };

        await using (var first = await EmbeddedPostgres.StartAsync(options, cancellation.Token))
        {
            await ExecuteAsync(first.ConnectionString, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
        }
        await using var second = await EmbeddedPostgres.StartAsync(options, cancellation.Token);

        Assert.Equal(42, await ScalarAsync(second.ConnectionString, "SELECT id FROM kept"));
    }

    [Fact(Timeout = 180_000)]
    public async Task Stop_and_start_again_keeps_port_and_data()
    {
        using var folder = new TempFolder("perfmon-pg-restart");
        using var cancellation = new CancellationTokenSource(Timeout);
        await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(Path.Combine(folder.Path, "postgres")) { Durable = false }, cancellation.Token);
        await ExecuteAsync(server.ConnectionString, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
        var port = server.Port;

        await server.StopAsync(cancellation.Token);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync(server.ConnectionString, "SELECT 1"));
        await server.StartAsync(cancellation.Token);

        Assert.Equal(port, server.Port);
        Assert.Equal(7, await ScalarAsync(server.ConnectionString, "SELECT id FROM kept"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> ScalarAsync(string connectionString, string sql)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}

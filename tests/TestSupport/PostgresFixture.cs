using PerfMonitor.Embedded.Postgres;
using Xunit;

namespace PerfMonitor.TestSupport;

/// <summary>A throwaway PostgreSQL cluster in a temp folder, on a free loopback port, for a test collection.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly TempFolder folder = new("perfmon-pg");

    public EmbeddedPostgres Server { get; private set; } = null!;

    public string ConnectionString => Server.ConnectionString;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(System.IO.Path.Combine(folder.Path, "postgres")) { Durable = false }, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        folder.Dispose();
    }
}

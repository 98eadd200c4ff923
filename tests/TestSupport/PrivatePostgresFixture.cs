using PerfMonitor.Embedded.Postgres;
using Xunit;

namespace PerfMonitor.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster of its own in a temp folder, on a free loopback port: for a test that stops and starts
/// the server, which would take the shared cluster (<see cref="PostgresFixture"/>) from every other fixture.
/// </summary>
public sealed class PrivatePostgresFixture : IAsyncLifetime
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

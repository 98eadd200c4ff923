using Xunit;

namespace PerfMonitor.TestSupport;

/// <summary>
/// A database of its own for a test class or collection, on the test process's PostgreSQL cluster
/// (<see cref="ProcessPostgres"/>), dropped when the fixture is disposed.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public string Database { get; } = $"test_{Guid.NewGuid():N}";

    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync() => ConnectionString = await ProcessPostgres.CreateDatabaseAsync(Database);

    public Task DisposeAsync() => ProcessPostgres.DropDatabaseAsync(Database);
}

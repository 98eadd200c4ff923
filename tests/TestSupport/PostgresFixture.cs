using Xunit;

namespace PerfMonitor.TestSupport;

/// <summary>
/// A database of its own for a test class or collection, on the test process's PostgreSQL cluster
/// (<see cref="ProcessPostgres"/>), dropped when the fixture is disposed: empty, or a copy of a
/// <see cref="DatabaseTemplate"/> (<see cref="CopyOf"/>).
/// </summary>
public class PostgresFixture : IAsyncLifetime
{
    private readonly DatabaseTemplate? template;

    // xunit builds a class fixture through its one public constructor.
    public PostgresFixture()
    {
    }

    protected PostgresFixture(DatabaseTemplate template) => this.template = template;

    public string Database { get; } = $"test_{Guid.NewGuid():N}";

    public string ConnectionString { get; private set; } = null!;

    /// <summary>A fixture whose database starts as a copy of <paramref name="template"/>.</summary>
    public static PostgresFixture CopyOf(DatabaseTemplate template) => new(template);

    public async Task InitializeAsync() => ConnectionString = await ProcessPostgres.CreateDatabaseAsync(Database, template);

    public Task DisposeAsync() => ProcessPostgres.DropDatabaseAsync(Database);
}

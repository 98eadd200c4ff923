using PerfMonitor.TestSupport;

namespace PerfMonitor.Analytics.Tests;

/// <summary>
/// A database of its own for a test class: a copy of a template that has analytics' migrations, applied once per test
/// process instead of once per class (<see cref="MigratedDatabase"/> then finds every file applied).
/// </summary>
public sealed class AnalyticsDatabase() : PostgresFixture(Template)
{
    private static readonly DatabaseTemplate Template = new("template_analytics", async (connectionString, _) =>
    {
        await using var dataSource = await MigratedDatabase.OpenAsync(connectionString);
    });
}

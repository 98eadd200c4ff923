namespace PerfMonitor.TestSupport;

/// <summary>
/// A database that <see cref="ProcessPostgres"/> makes once per test process with <paramref name="PrepareAsync"/> (given
/// its connection string, without pooling) and then copies for each fixture that names it: a service's migrations run
/// once instead of once per test class.
/// </summary>
public sealed record DatabaseTemplate(string Name, Func<string, CancellationToken, Task> PrepareAsync);

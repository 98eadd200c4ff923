using System.Diagnostics;
using System.Globalization;

namespace PerfMonitor.Analytics.Bench.Explain;

/// <summary>
/// --explain: loads 10,000 series x 7 days of minute rollups (kept in the data folder, so a second run only
/// explains), prints EXPLAIN (ANALYZE, BUFFERS) of the service's main queries and times the hourly job on one hour.
/// </summary>
public static class ExplainRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var folder = Arg(args, "--data") ?? Path.Combine(Path.GetTempPath(), "perfmon-explain");
        var seriesCount = int.Parse(Arg(args, "--series") ?? "10000", CultureInfo.InvariantCulture);
        var days = int.Parse(Arg(args, "--days") ?? "7", CultureInfo.InvariantCulture);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

        await using var database = await BenchDatabase.StartAsync(folder, durable: false, cancel.Token);
        var marker = Path.Combine(folder, $"loaded-{seriesCount}x{days}d");
        var series = BenchSeries.Build(seriesCount);
        DateTime end;
        if (File.Exists(marker))
        {
            end = DateTime.Parse(await File.ReadAllTextAsync(marker, cancel.Token), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            Console.WriteLine($"Reusing the data loaded in {folder} (up to {end:u})");
        }
        else
        {
            await PrepareBulkLoadAsync(database, cancel.Token);
            var now = DateTime.UtcNow;
            end = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
            var watch = Stopwatch.StartNew();
            await new ExplainData(database, series, end.AddDays(-days), end).LoadAsync(cancel.Token);
            Console.WriteLine($"Loaded {seriesCount:N0} series x {days} days in {watch.Elapsed.TotalMinutes:0.0} min");
            await File.WriteAllTextAsync(marker, end.ToString("O", CultureInfo.InvariantCulture), cancel.Token);
        }
        await new ExplainQueries(database, series, end).RunAsync(Console.Out, cancel.Token);
        await new HourlyJobTiming(database, end).RunAsync(Console.Out, cancel.Token);
        return 0;
    }

    /// <summary>A table created and filled in one transaction writes no WAL under wal_level minimal; it needs a restart.</summary>
    private static async Task PrepareBulkLoadAsync(BenchDatabase database, CancellationToken cancellationToken)
    {
        await database.ExecuteAsync("ALTER SYSTEM SET wal_level = 'minimal'", cancellationToken);
        await database.ExecuteAsync("ALTER SYSTEM SET max_wal_senders = 0", cancellationToken);
        await database.ExecuteAsync("ALTER SYSTEM SET maintenance_work_mem = '512MB'", cancellationToken);
        await database.ExecuteAsync("ALTER SYSTEM SET max_wal_size = '8GB'", cancellationToken);
        database.DataSource.Clear();
        await database.Server.StopAsync(cancellationToken);
        await database.Server.StartAsync(cancellationToken);
    }

    public static string? Arg(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

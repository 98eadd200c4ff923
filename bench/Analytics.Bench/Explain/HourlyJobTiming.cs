using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PerfMonitor.Analytics.Rollups;

namespace PerfMonitor.Analytics.Bench.Explain;

/// <summary>
/// Times the hourly job end to end on one closed hour of the loaded data (read and sort of its minutes, decode and
/// merge of their sketches, COPY of the hour and five-minute rows), under the default work_mem and under the job's
/// own. Each run recomputes the same hour, so the data stays as loaded, bar that hour's rows now derived exactly.
/// </summary>
public sealed class HourlyJobTiming(BenchDatabase database, DateTime end)
{
    private const int Runs = 3;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var hour = new DateTime(end.Ticks - (end.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc).AddHours(-2);
        output.WriteLine($"\n### hourly job, one hour ({hour:u}) of every series: hour and five-minute rows\n");
        int[] settings = [4, new HourlyRollupOptions().SortMemoryMegabytes];
        var times = settings.ToDictionary(mb => mb, _ => new List<double>());
        // Interleaved, so a neighbour's load on the shared machine falls on both settings alike.
        for (var run = 0; run < Runs; run++)
        {
            foreach (var megabytes in settings)
            {
                times[megabytes].Add(await TimeAsync(hour, megabytes, cancellationToken));
            }
        }
        foreach (var (megabytes, runs) in times)
        {
            output.WriteLine($"work_mem {megabytes} MB: {string.Join(" / ", runs.Select(t => $"{t:N0} ms"))}");
        }
    }

    private async Task<double> TimeAsync(DateTime hour, int megabytes, CancellationToken cancellationToken)
    {
        await using (var mark = database.DataSource.CreateCommand("INSERT INTO perfmon.rollup_hours_dirty (hour) VALUES ($1) ON CONFLICT DO NOTHING"))
        {
            mark.Parameters.AddWithValue(hour);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        var job = new HourlyRollupJob(database.DataSource, TimeProvider.System, Options.Create(new HourlyRollupOptions { SortMemoryMegabytes = megabytes }),
            Options.Create(new RollupOptions()), NullLogger<HourlyRollupJob>.Instance);
        var watch = Stopwatch.StartNew();
        var done = await job.RunOnceAsync(cancellationToken);
        if (done != 1)
        {
            throw new InvalidOperationException($"the job rolled up {done} hours, not the one marked");
        }
        return watch.Elapsed.TotalMilliseconds;
    }
}

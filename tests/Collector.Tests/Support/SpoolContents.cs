using System.Text;
using PerfMonitor.Collector.Spool;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>Spool payloads as text, for tests that append strings and read them back.</summary>
public static class SpoolContents
{
    public static List<SpoolPayload> Payloads(params string[] values) => values.Select(v => new SpoolPayload(Encoding.UTF8.GetBytes(v))).ToList();

    public static async Task<List<string>> ReadAllAsync(SampleSpool spool, IReadOnlyList<SpoolRecord> records)
    {
        var values = new List<string>();
        foreach (var record in records)
        {
            values.Add(Encoding.UTF8.GetString((await spool.ReadAsync(record, CancellationToken.None))!));
        }
        return values;
    }
}

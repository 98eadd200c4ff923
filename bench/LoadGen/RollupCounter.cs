using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace PerfMonitor.LoadGen;

/// <summary>
/// Counts a run's samples back the way a user reads them: the sum of the minute rollups' counts of every series with
/// the run's label, per metric, through the gateway's <c>/api/v1/rollups</c>. Exact but not cheap (every sketch is
/// merged), so runs use it once at the end; <see cref="MinuteRollupCount"/> is the cheap live view of the same rows.
/// </summary>
public sealed class RollupCounter(HttpClient gateway)
{
    private static readonly TimeSpan Range = TimeSpan.FromHours(2);
    private static readonly TimeSpan Ahead = TimeSpan.FromMinutes(5);

    public async Task<long> CountAsync(string runId, IEnumerable<string> metrics, CancellationToken cancellationToken)
    {
        long counted = 0;
        var now = DateTimeOffset.UtcNow;
        foreach (var metric in metrics)
        {
            var body = await gateway.GetFromJsonAsync<JsonElement>(
                $"/api/v1/rollups?metric={metric}&labels=run:{runId}&step=1m&from={Rfc3339(now - Range)}&to={Rfc3339(now + Ahead)}", cancellationToken);
            counted += body.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("count").GetInt64());
        }
        return counted;
    }

    /// <summary>Polls until the count reaches <paramref name="expected"/> or the timeout passes; returns the last count.</summary>
    public async Task<long> WaitForAsync(string runId, IReadOnlyList<string> metrics, long expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        long counted = 0;
        while (deadline.Elapsed < timeout)
        {
            try
            {
                counted = await CountAsync(runId, metrics, cancellationToken);
                if (counted >= expected)
                {
                    return counted;
                }
            }
            catch (HttpRequestException)
            {
                // A service is still recovering from a fault.
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        return counted;
    }

    public static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}

namespace PerfMonitor.TestSupport;

/// <summary>Polls until a condition holds or a deadline passes; for asserting on asynchronous pipelines.</summary>
public static class Eventually
{
    /// <summary>Between two probes unless a caller asks otherwise: most probes are HTTP or database reads.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    /// <param name="interval">Between two probes; shorter for a probe that only reads memory, so a wait is not rounded up.</param>
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        do
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }
            await Task.Delay(interval ?? DefaultInterval);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Timed out after {timeout} waiting for {what}; last value: {last}");
    }
}

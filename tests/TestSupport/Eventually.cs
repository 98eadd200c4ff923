namespace PerfMonitor.TestSupport;

/// <summary>Polls until a condition holds or a deadline passes; for asserting on asynchronous pipelines.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
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
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Timed out after {timeout} waiting for {what}; last value: {last}");
    }
}

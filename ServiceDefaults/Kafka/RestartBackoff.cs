namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>The pause before a failed consumer runs again: doubling with each failure in a row, bounded, reset by a run that got going.</summary>
public sealed class RestartBackoff(TimeSpan first, TimeSpan max)
{
    private int failuresInARow;

    public TimeSpan Next()
    {
        var delay = first;
        for (var i = 0; i < failuresInARow && delay < max; i++)
        {
            delay *= 2;
        }
        failuresInARow++;
        return delay < max ? delay : max;
    }

    public void Reset() => failuresInARow = 0;
}

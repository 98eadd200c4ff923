namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>What the senders of one target have done so far (cumulative; a phase takes two snapshots).</summary>
public sealed class SendCounters
{
    private long acknowledged;
    private long inDoubt;
    private long failedRequests;

    public long Acknowledged => Interlocked.Read(ref acknowledged);

    public long InDoubt => Interlocked.Read(ref inDoubt);

    public long FailedRequests => Interlocked.Read(ref failedRequests);

    /// <summary>The last refusal or transport error, for the report.</summary>
    public string? LastError { get; private set; }

    /// <summary>A 2xx acknowledges the request's samples; anything else leaves them in doubt (a 5xx may hide a partial write).</summary>
    public void Record(int samples, string? error)
    {
        if (error is null)
        {
            Interlocked.Add(ref acknowledged, samples);
            return;
        }
        Interlocked.Add(ref inDoubt, samples);
        Interlocked.Increment(ref failedRequests);
        LastError = error;
    }

    public Snapshot Take() => new(Acknowledged, InDoubt, FailedRequests);

    public sealed record Snapshot(long Acknowledged, long InDoubt, long FailedRequests);
}

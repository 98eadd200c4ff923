namespace PerfMonitor.Collector.Spool;

/// <summary>An append waiting for the spool's writer: its payloads, their encoded records, and who to tell once they are durable.</summary>
internal sealed record PendingAppend(IReadOnlyList<SpoolPayload> Payloads, List<byte[]> Encoded, long Size)
{
    public TaskCompletionSource<IReadOnlyList<SpoolRecord>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Fail(Exception error) => Done.TrySetException(error);
}

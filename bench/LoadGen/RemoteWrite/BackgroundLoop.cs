namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>A loop that runs in the background until disposed: cancelled, awaited, its token source released, once.</summary>
public sealed class BackgroundLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int disposed;

    public BackgroundLoop(Func<CancellationToken, Task> body) => loop = Task.Run(() => body(stop.Token));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}

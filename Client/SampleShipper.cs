using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Client;

/// <summary>
/// Ships buffered samples to PerfMonitor in batches over gRPC (perfmon.v1.Ingest/Push). A batch that fails for a
/// reason a retry can fix is retried with exponential backoff and jitter until it is delivered; a batch the
/// collector refuses outright (bad key, invalid request) is logged and dropped. Stopping the host flushes.
/// </summary>
public sealed partial class SampleShipper(
    SampleBuffer buffer,
    IOptions<PerfMonitorClientOptions> options,
    ILogger<SampleShipper> logger) : BackgroundService
{
    private static readonly StatusCode[] Retryable = [StatusCode.Unavailable, StatusCode.DeadlineExceeded, StatusCode.ResourceExhausted, StatusCode.Aborted, StatusCode.Internal, StatusCode.Unknown];
    private readonly GrpcChannel channel = GrpcChannel.ForAddress(options.Value.Endpoint!);
    private long shipped;

    public long Shipped => Interlocked.Read(ref shipped);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        buffer.Complete();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        channel.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = new Ingest.IngestClient(channel);
        var batch = new SampleBatch();
        while (await WaitForSamplesAsync(stoppingToken))
        {
            await Task.Delay(options.Value.FlushInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            while (buffer.Reader.TryRead(out var sample))
            {
                batch.Samples.Add(sample);
                if (batch.Samples.Count >= options.Value.MaxBatchSize)
                {
                    await SendAsync(client, batch, stoppingToken);
                    batch = new SampleBatch();
                }
            }
            if (batch.Samples.Count > 0)
            {
                await SendAsync(client, batch, stoppingToken);
                batch = new SampleBatch();
            }
        }
    }

    /// <summary>True while samples may still come; false once the buffer is completed and drained.</summary>
    private async Task<bool> WaitForSamplesAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await buffer.Reader.WaitToReadAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: ship what is already buffered.
            return buffer.Reader.Count > 0;
        }
    }

    private async Task SendAsync(Ingest.IngestClient client, SampleBatch batch, CancellationToken stoppingToken)
    {
        var headers = new Metadata();
        if (options.Value.ApiKey is { Length: > 0 } key)
        {
            headers.Add("x-api-key", key);
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var call = client.Push(headers, cancellationToken: CancellationToken.None);
                await call.RequestStream.WriteAsync(batch, CancellationToken.None);
                await call.RequestStream.CompleteAsync();
                var result = await call;
                Interlocked.Add(ref shipped, result.Accepted);
                if (result.Rejected > 0)
                {
                    LogRejected(result.Rejected, result.Errors[0].Field, result.Errors[0].Reason);
                }
                return;
            }
            catch (RpcException ex) when (Retryable.Contains(ex.StatusCode))
            {
                var delay = Backoff(attempt);
                LogRetrying(batch.Samples.Count, ex.StatusCode, delay);
                if (stoppingToken.IsCancellationRequested && attempt >= 3)
                {
                    LogDropped(batch.Samples.Count, ex.Status.Detail);
                    return;
                }
                await Task.Delay(delay, CancellationToken.None);
            }
            catch (RpcException ex)
            {
                LogDropped(batch.Samples.Count, ex.Status.Detail);
                return;
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = TimeSpan.FromMilliseconds(100 * Math.Pow(2, Math.Min(attempt, 16)));
        var capped = exponential < options.Value.MaxRetryDelay ? exponential : options.Value.MaxRetryDelay;
        return capped * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PerfMonitor refused {Rejected} samples, e.g. {Field}: {Reason}")]
    private partial void LogRejected(long rejected, string field, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipping {Count} samples failed with {Status}; retrying in {Delay}")]
    private partial void LogRetrying(int count, StatusCode status, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped {Count} samples PerfMonitor will not accept: {Detail}")]
    private partial void LogDropped(int count, string detail);
}

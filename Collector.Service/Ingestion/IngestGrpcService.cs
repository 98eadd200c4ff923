using Grpc.Core;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts.V1;
using SampleErrorMessage = PerfMonitor.Contracts.V1.SampleError;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>
/// gRPC perfmon.v1.Ingest/Push: a client streams batches. Each batch is validated and handed to Kafka as it
/// arrives, and the next one is read while earlier ones wait for their delivery reports (at most
/// <see cref="IngestOptions.MaxBatchesInFlightPerStream"/>): waiting for each batch before reading the next made a
/// stream's rate one batch per Kafka round trip. The call is answered once every batch is durable. Each message was
/// weighed before it was parsed (<see cref="IngestMethodProvider"/>); the stream as a whole may carry at most
/// <see cref="IngestOptions.MaxSamplesPerStream"/> samples, and its result lists at most
/// <see cref="IngestOptions.MaxErrorsPerStream"/> refusals (<c>rejected</c> counts them all).
/// </summary>
public sealed class IngestGrpcService(IngestPipeline pipeline, IOptions<IngestOptions> options)
{
    public async Task<PushResult> Push(IAsyncStreamReader<SampleBatch> requestStream, ServerCallContext context)
    {
        var limits = options.Value;
        var result = new PushResult();
        var inFlight = new Queue<(int Offset, Task<IngestResult> Ingest)>();
        var offset = 0;
        try
        {
            await foreach (var batch in requestStream.ReadAllAsync(context.CancellationToken))
            {
                if ((long)offset + batch.Samples.Count > limits.MaxSamplesPerStream)
                {
                    throw new RpcException(new Status(StatusCode.ResourceExhausted,
                        $"A Push stream may carry at most {limits.MaxSamplesPerStream} samples (Ingest:MaxSamplesPerStream); close this one and send the rest on another."));
                }
                // Started in arrival order: validation and the hand-over to Kafka run before the first await,
                // so batches of one stream reach each partition in the order they were sent.
                inFlight.Enqueue((offset, pipeline.IngestAsync(batch.Samples, [], context.CancellationToken)));
                offset += batch.Samples.Count;
                if (inFlight.Count >= limits.MaxBatchesInFlightPerStream)
                {
                    Add(result, await Complete(inFlight.Dequeue()), limits.MaxErrorsPerStream);
                }
            }
            while (inFlight.Count > 0)
            {
                Add(result, await Complete(inFlight.Dequeue()), limits.MaxErrorsPerStream);
            }
            return result;
        }
        finally
        {
            // On failure, batches already handed over still finish (durable or spooled) before the call ends.
            // Their own failures add nothing to the one already propagating.
            await Task.WhenAll(inFlight.Select(b => (Task)b.Ingest)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task<(int Offset, IngestResult Result)> Complete((int Offset, Task<IngestResult> Ingest) batch) =>
        (batch.Offset, await batch.Ingest);

    private static void Add(PushResult result, (int Offset, IngestResult Batch) completed, int maxErrors)
    {
        result.Accepted += completed.Batch.Accepted;
        result.Rejected += completed.Batch.Rejected;
        foreach (var error in completed.Batch.Errors.Take(Math.Max(0, maxErrors - result.Errors.Count)))
        {
            result.Errors.Add(new SampleErrorMessage { Index = completed.Offset + error.Index, Field = error.Field, Reason = error.Reason });
        }
    }
}

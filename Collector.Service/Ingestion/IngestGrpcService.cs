using Grpc.Core;
using PerfMonitor.Contracts.V1;
using SampleErrorMessage = PerfMonitor.Contracts.V1.SampleError;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>gRPC perfmon.v1.Ingest/Push: a client streams batches; each batch is published as it arrives.</summary>
public sealed class IngestGrpcService(IngestPipeline pipeline) : Ingest.IngestBase
{
    public override async Task<PushResult> Push(IAsyncStreamReader<SampleBatch> requestStream, ServerCallContext context)
    {
        var result = new PushResult();
        var offset = 0;
        await foreach (var batch in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var batchResult = await pipeline.IngestAsync(batch.Samples, [], context.CancellationToken);
            result.Accepted += batchResult.Accepted;
            result.Rejected += batchResult.Rejected;
            result.Errors.AddRange(batchResult.Errors.Select(e => new SampleErrorMessage { Index = offset + e.Index, Field = e.Field, Reason = e.Reason }));
            offset += batch.Samples.Count;
        }
        return result;
    }
}

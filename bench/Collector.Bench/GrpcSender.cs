using Grpc.Core;
using Grpc.Net.Client;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Bench;

/// <summary>
/// perfmon.v1.Ingest/Push with already-encoded SampleBatch messages (a pass-through marshaller, same bytes on the
/// wire as the generated client), so the client's own encoding does not take CPU from the collector.
/// </summary>
public sealed class GrpcSender(Uri grpcUrl, IReadOnlyList<Payload> payloads, int batchesPerCall) : ISender
{
    private static readonly Method<byte[], PushResult> Push = new(
        MethodType.ClientStreaming, "perfmon.v1.Ingest", "Push",
        Marshallers.Create(static bytes => bytes, static bytes => bytes),
        Marshallers.Create(static (PushResult result) => Google.Protobuf.MessageExtensions.ToByteArray(result), PushResult.Parser.ParseFrom));

    private readonly GrpcChannel channel = GrpcChannel.ForAddress(grpcUrl, new GrpcChannelOptions { MaxSendMessageSize = null });

    public async Task<long> SendAsync(int index, CancellationToken cancellationToken)
    {
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(Push, null, new CallOptions(cancellationToken: cancellationToken));
        for (var i = 0; i < batchesPerCall; i++)
        {
            await call.RequestStream.WriteAsync(payloads[(index + i) % payloads.Count].Body, cancellationToken);
        }
        await call.RequestStream.CompleteAsync();
        var result = await call.ResponseAsync;
        return result.Rejected == 0 ? result.Accepted
            : throw new InvalidOperationException($"grpc: {result.Rejected} samples were refused: {result.Errors[0]}");
    }

    public void Dispose() => channel.Dispose();
}

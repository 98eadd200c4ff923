using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>
/// Binds <see cref="IngestGrpcService"/> to perfmon.v1.Ingest/Push through the generated stub, with a request
/// marshaller that weighs each SampleBatch before parsing it: the generated one would make a message of a million
/// empty samples into a million objects first. The service therefore does not derive from the generated base, which
/// grpc-dotnet would bind a second time with the generated marshaller.
/// </summary>
public sealed class IngestMethodProvider(WireLimits limits) : IServiceMethodProvider<IngestGrpcService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<IngestGrpcService> context) =>
        Ingest.BindService(new Binder(context, limits), null);

    private sealed class Binder(ServiceMethodProviderContext<IngestGrpcService> context, WireLimits limits) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            if (method is not Method<SampleBatch, PushResult> push)
            {
                throw new InvalidOperationException($"Ingest has a method this collector does not serve: {method.FullName}.");
            }
            var weighed = new Method<SampleBatch, PushResult>(
                push.Type, push.ServiceName, push.Name, WeighedMarshaller.For(SampleBatch.Parser, IngestSchemas.SampleBatch, limits, "perfmon.v1.SampleBatch"), push.ResponseMarshaller);
            context.AddClientStreamingMethod(weighed, [], static (service, stream, call) => service.Push(stream, call));
        }
    }
}

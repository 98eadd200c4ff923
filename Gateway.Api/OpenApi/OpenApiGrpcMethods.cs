using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using PerfMonitor.Gateway.Grpc;
using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.OpenApi;

/// <summary>
/// gRPC methods have no place among OpenAPI's paths, so the document lists them in an extension: every method the
/// gateway forwards, by its path, with the scope access control asks of it (<see cref="GrpcMethodScopes"/>).
/// </summary>
public static class OpenApiGrpcMethods
{
    public const string Extension = "x-perfmonitor-grpc-methods";

    public static void Add(OpenApiDocument document)
    {
        var methods = new JsonObject();
        foreach (var (path, scope) in GrpcMethodScopes.All.OrderBy(method => method.Key, StringComparer.Ordinal))
        {
            methods[path] = scope.Describe();
        }
        document.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        document.Extensions[Extension] = new JsonNodeExtension(methods);
    }
}

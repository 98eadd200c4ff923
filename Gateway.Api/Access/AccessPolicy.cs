using PerfMonitor.Gateway.Grpc;
using PerfMonitor.Gateway.Routing;
using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.Access;

/// <summary>
/// Which scope a request needs, from the endpoint routing chose for it: a forwarded route's <see cref="RouteTable"/> entry
/// (by HTTP method, or for gRPC by the exact method), or the <see cref="RequiredScope"/> of one of the gateway's own
/// endpoints. Everything else (probes, sign-in, docs, the dashboard's files, gRPC health and reflection, and forwarded
/// routes that carry a signed token of their own, <see cref="RouteAccess.Token"/>) is public.
/// </summary>
public static class AccessPolicy
{
    /// <returns>What the request needs, or null when it is public.</returns>
    public static AccessRequirement? For(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<RouteTable.Entry>() is { } route)
        {
            if (route.Access == RouteAccess.Token)
            {
                return null;
            }
            if (!route.IsGrpc)
            {
                return new(route.Access.Required(RouteAccessScopes.Reads(context.Request.Method)), Exists: true);
            }
            // A method the descriptors do not know would need the most: admin, and then it is still not forwarded.
            return GrpcMethodScopes.Of(context.Request.Path.Value) is { } scope ? new(scope, Exists: true) : new(Scope.Admin, Exists: false);
        }
        return metadata?.GetMetadata<RequiredScope>() is { } own ? new(own.Scope, Exists: true) : null;
    }
}

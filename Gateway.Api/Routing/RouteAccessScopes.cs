using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.Routing;

/// <summary>The scope a request needs under a <see cref="RouteAccess"/>, and which HTTP methods only read.</summary>
public static class RouteAccessScopes
{
    public static Scope Required(this RouteAccess access, bool reads) => access switch
    {
        RouteAccess.Ingest => Scope.Ingest,
        RouteAccess.Read => Scope.Read,
        RouteAccess.Token => Scope.None,
        _ => reads ? Scope.Read : Scope.Admin,
    };

    public static bool Reads(string httpMethod) =>
        HttpMethods.IsGet(httpMethod) || HttpMethods.IsHead(httpMethod) || HttpMethods.IsOptions(httpMethod);
}

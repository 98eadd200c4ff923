using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.Routing;

/// <summary>Which scope a route of the <see cref="RouteTable"/> needs.</summary>
public enum RouteAccess
{
    /// <summary>Sending samples: every request needs ingest.</summary>
    Ingest,

    /// <summary>
    /// Reading needs read, changing anything needs admin. Reading is a GET, HEAD or OPTIONS request, or a gRPC method whose
    /// google.api.http mapping is a GET (the verb the same method has over JSON transcoding).
    /// </summary>
    ReadWrite,
}

public static class RouteAccessScopes
{
    public static Scope Required(this RouteAccess access, bool reads) => access switch
    {
        RouteAccess.Ingest => Scope.Ingest,
        _ => reads ? Scope.Read : Scope.Admin,
    };

    public static bool Reads(string httpMethod) =>
        HttpMethods.IsGet(httpMethod) || HttpMethods.IsHead(httpMethod) || HttpMethods.IsOptions(httpMethod);
}

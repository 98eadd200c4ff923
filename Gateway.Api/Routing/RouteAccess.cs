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

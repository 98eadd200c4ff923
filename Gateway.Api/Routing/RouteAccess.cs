namespace PerfMonitor.Gateway.Routing;

/// <summary>Which scope a route of the <see cref="RouteTable"/> needs.</summary>
public enum RouteAccess
{
    /// <summary>Sending samples: every request needs ingest.</summary>
    Ingest,

    /// <summary>
    /// Queries only: every request needs read, a POST too. Prometheus's HTTP API takes the same query as a form POST
    /// (Grafana and Prometheus's own clients post long queries), which changes nothing.
    /// </summary>
    Read,

    /// <summary>
    /// Reading needs read, changing anything needs admin. Reading is a GET, HEAD or OPTIONS request, or a gRPC method whose
    /// google.api.http mapping is a GET (the verb the same method has over JSON transcoding).
    /// </summary>
    ReadWrite,

    /// <summary>
    /// No key: the request carries its own authorization, a token the service signed and checks (an alert's acknowledge
    /// link, opened by whoever got the notification). The gateway forwards it without scopes.
    /// </summary>
    Token,
}

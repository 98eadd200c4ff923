namespace PerfMonitor.Gateway.Routing;

/// <summary>Which of the <see cref="RouteTimeoutOptions"/> limits a forwarded route.</summary>
public enum RouteTimeout
{
    /// <summary>Reads of stored data and of the alerting state.</summary>
    Query,

    /// <summary>Ingest batches and changes to rules and silences.</summary>
    Write,

    /// <summary>PromQL evaluations, which analytics bounds itself by its Prometheus:QueryTimeout.</summary>
    PromQL,
}

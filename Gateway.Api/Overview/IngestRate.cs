namespace PerfMonitor.Gateway.Overview;

/// <summary>Ingest requests and bytes per second the gateway forwarded over the last minute.</summary>
public sealed record IngestRate(double RequestsPerSecond, double BytesPerSecond);

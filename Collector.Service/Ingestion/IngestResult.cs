namespace PerfMonitor.Collector.Ingestion;

public sealed record IngestResult(int Accepted, int Rejected, IReadOnlyList<SampleError> Errors);

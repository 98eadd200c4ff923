namespace PerfMonitor.Collector.Bench;

public static class Protocols
{
    public const string Baseline = "kafka-direct";
    public const string Grpc = "grpc";
    public const string Json = "json";
    public const string Otlp = "otlp";
    public const string OtlpGrpc = "otlp-grpc";
    public const string RemoteWrite = "remote-write";
}

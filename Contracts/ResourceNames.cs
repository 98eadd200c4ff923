namespace PerfMonitor.Contracts;

/// <summary>
/// Resource names: the connection-string name, the service-discovery name and the Kubernetes name are one.
/// </summary>
public static class ResourceNames
{
    public const string MetricsDb = "metricsdb";
    public const string Kafka = "kafka";
    public const string Collector = "collector";
    public const string Analytics = "analytics";
    public const string Alerting = "alerting";
    public const string Gateway = "gateway";
}

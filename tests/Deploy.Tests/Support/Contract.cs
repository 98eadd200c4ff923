namespace PerfMonitor.Deploy.Tests.Support;

/// <summary>
/// The configuration contract between the services and their deployment (issue 7): names and,
/// where fixed, values. A null value means "set, to something the overlay chooses".
/// </summary>
public static class Contract
{
    public const string Collector = "collector";
    public const string Analytics = "analytics";
    public const string Alerting = "alerting";
    public const string Gateway = "gateway";
    public const string MetricsDb = "metricsdb";

    public const int HttpPort = 8080;
    public const int GrpcPort = 8081;
    public const string SamplesTopic = "perfmon.samples.v1";
    public const int DefaultSamplePartitions = 32;
    public const string SpoolPath = "/var/lib/perfmon/spool";
    public const string ApiKeySecret = "perfmon-api-keys";

    public static readonly IReadOnlyList<string> Services = [Collector, Analytics, Alerting, Gateway];

    /// <summary>Services that read Kafka and PostgreSQL; the only pods allowed to reach them.</summary>
    public static readonly IReadOnlyList<string> DataServices = [Collector, Analytics, Alerting];

    public static readonly IReadOnlyList<string> Topics = ["perfmon.samples.v1", "perfmon.events.v1", "perfmon.samples.dlq", "perfmon.alerting.groups.v1"];

    public static IReadOnlyDictionary<string, string?> Environment(string service)
    {
        var expected = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Kestrel__Endpoints__http__Url"] = "http://+:8080",
            ["Kestrel__Endpoints__grpc__Url"] = "http://+:8081",
            ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
            ["OTEL_SERVICE_NAME"] = service,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:8080",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };
        switch (service)
        {
            case Collector:
                expected["ConnectionStrings__kafka"] = null;
                expected["ConnectionStrings__metricsdb"] = null;
                expected["Collector__SpoolPath"] = SpoolPath;
                break;
            case Analytics:
                expected["ConnectionStrings__kafka"] = null;
                expected["ConnectionStrings__metricsdb"] = null;
                break;
            case Alerting:
                expected["ConnectionStrings__kafka"] = null;
                expected["ConnectionStrings__metricsdb"] = null;
                expected["Alerting__AllowPrivateWebhookTargets"] = "false";
                break;
            case Gateway:
                foreach (var target in new[] { Collector, Analytics, Alerting })
                {
                    expected[$"services__{target}__http__0"] = $"http://{target}:{HttpPort}";
                    expected[$"services__{target}__grpc__0"] = $"http://{target}:{GrpcPort}";
                }

                expected["ApiKeys__admin__Key"] = EnvironmentResolver.SecretPlaceholder(ApiKeySecret, "admin");
                expected["ApiKeys__admin__Scopes"] = "admin";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(service), service, "Not a PerfMonitor service.");
        }

        return expected;
    }
}

using PerfMonitor.Contracts;

namespace PerfMonitor.Hosting;

/// <summary>The services PerfMonitor consists of, the projects they are built from, and what each one needs.</summary>
public static class ServiceCatalog
{
    public sealed record Definition(string Name, string Project, bool NeedsDatabase, bool NeedsKafka, IReadOnlyList<string> References);

    public static readonly IReadOnlyList<Definition> All =
    [
        new(ResourceNames.Collector, "Collector.Service", NeedsDatabase: true, NeedsKafka: true, []),
        new(ResourceNames.Analytics, "Analytics.Service", NeedsDatabase: true, NeedsKafka: true, []),
        new(ResourceNames.Alerting, "Alerting.Service", NeedsDatabase: true, NeedsKafka: true, []),
        new(ResourceNames.Gateway, "Gateway.Api", NeedsDatabase: false, NeedsKafka: false,
            [ResourceNames.Collector, ResourceNames.Analytics, ResourceNames.Alerting]),
    ];
}

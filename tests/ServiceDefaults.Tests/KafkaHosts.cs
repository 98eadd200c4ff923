using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace PerfMonitor.ServiceDefaults.Tests;

/// <summary>A host with ServiceDefaults' Kafka registrations and the given settings, as a service reads them.</summary>
public static class KafkaHosts
{
    public static IHost Build(Dictionary<string, string?> settings, string bootstrapServers = "b:9092")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:kafka", bootstrapServers)]);
        builder.AddKafka();
        return builder.Build();
    }
}

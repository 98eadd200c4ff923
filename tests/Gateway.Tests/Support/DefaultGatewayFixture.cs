namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>The gateway with its defaults (Production).</summary>
public sealed class DefaultGatewayFixture : StandaloneFixture;

/// <summary>
/// One default gateway for every class that needs no settings of its own: each gateway is a process of its own that
/// compiles the whole service as it starts, which cost more than these classes' tests. Their refusals come from
/// addresses of their own and their probes are unique, so they do not see each other's requests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DefaultGatewayCollection : ICollectionFixture<DefaultGatewayFixture>
{
    public const string Name = "default gateway";
}

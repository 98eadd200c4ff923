namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>The gateway with its defaults (Production).</summary>
public sealed class DefaultGatewayFixture : StandaloneFixture;

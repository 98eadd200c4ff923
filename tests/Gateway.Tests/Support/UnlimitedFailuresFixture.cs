namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>A gateway without the failed-authentication limit, so a client refused over and over keeps getting 401, not 429.</summary>
public sealed class UnlimitedFailuresFixture : StandaloneFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["FailedAuthentication__PermitLimit"] = "0" };
}

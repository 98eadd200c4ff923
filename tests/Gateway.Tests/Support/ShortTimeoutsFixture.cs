namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>A gateway whose query routes time out after 2 s, while PromQL keeps a minute, as its own option.</summary>
public sealed class ShortTimeoutsFixture : StandaloneFixture
{
    public static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["RouteTimeouts__Query"] = QueryTimeout.ToString(),
        ["RouteTimeouts__PromQL"] = TimeSpan.FromMinutes(1).ToString(),
    };
}

namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>
/// A gateway whose query routes time out after 1 s, while PromQL keeps a minute, as its own option. Each slow answer
/// the tests wait for is a multiple of the limit, so a short limit keeps them short.
/// </summary>
public sealed class ShortTimeoutsFixture : StandaloneFixture
{
    public static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(1);

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["RouteTimeouts__Query"] = QueryTimeout.ToString(),
        ["RouteTimeouts__PromQL"] = TimeSpan.FromMinutes(1).ToString(),
    };
}

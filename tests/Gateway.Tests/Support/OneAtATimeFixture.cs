namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>A gateway whose ingest key may have one ingest request in flight and whose read key one query.</summary>
public sealed class OneAtATimeFixture : StandaloneFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["ApiKeys__ingester__MaxConcurrentIngest"] = "1",
        ["ApiKeys__reader__MaxConcurrentQueries"] = "1",
    };
}

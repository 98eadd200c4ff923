namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// Classes whose receivers stream bodies as fast as a socket takes them run alone: the stream keeps a core busy, which
/// would slow the classes beside it, some of which check how soon a notification arrives.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileReceivers
{
    public const string Name = "receivers that stream endless bodies";
}

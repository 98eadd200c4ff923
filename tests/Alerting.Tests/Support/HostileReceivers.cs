namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// Classes whose receivers stream bodies as fast as a socket takes them run alone: the stream keeps a core busy, and
/// beside three other classes a delivery's 500 ms attempt could run out before the 503's headers were read.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileReceivers
{
    public const string Name = "receivers that stream endless bodies";
}

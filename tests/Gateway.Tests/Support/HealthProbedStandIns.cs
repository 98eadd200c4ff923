namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>
/// Classes that wait on the gateway's health probes of a stand-in service run alone: the stand-in answers from the test
/// process, and beside the other classes its answers could miss the probes' 3 s timeout, every probe, for a minute.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HealthProbedStandIns
{
    public const string Name = "stand-ins the gateway's health probes must reach";
}

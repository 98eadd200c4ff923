namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>
/// One second of a target's run: the phase and its offered rate, samples acknowledged and made visible in that second,
/// samples acknowledged but not yet visible, the CPU cores its counted processes used and their memory; the PSS of each
/// counted part when the system has several (<see cref="Usage.ResourceUsage.Parts"/>).
/// </summary>
public sealed record RateTick(
    double Seconds,
    string Phase,
    double TargetPerSecond,
    double AcceptedPerSecond,
    double VisiblePerSecond,
    long NotYetVisible,
    double CpuCores,
    double RssMiB,
    double PssMiB,
    IReadOnlyDictionary<string, double>? PssMiBByPart = null);

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>
/// A peer the comparison starts itself: the Debian package's binary, its command line for a loopback port and a fresh
/// storage folder, where it receives remote write, when it is ready, and the counter of its own /metrics that says how
/// many samples it has taken in.
/// </summary>
public sealed record PeerKind(
    string Key,
    string Name,
    string Package,
    string Binary,
    string WritePath,
    string ReadyPath,
    string VisibleCounter,
    Func<int, string, IReadOnlyList<string>> Arguments);

namespace PerfMonitor.Collector.Spool;

/// <summary>When the spool forces its writes to disk.</summary>
public enum FsyncPolicy
{
    /// <summary>Before a request is acknowledged: nothing acknowledged is lost, even on power loss.</summary>
    Always,

    /// <summary>Every <see cref="SpoolOptions.FsyncInterval"/>: survives a process crash, may lose the last interval on power loss.</summary>
    Interval,

    /// <summary>Left to the operating system: survives a process crash only.</summary>
    Never,
}

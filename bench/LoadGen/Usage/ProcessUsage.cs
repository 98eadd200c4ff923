namespace PerfMonitor.LoadGen.Usage;

/// <summary>
/// One counted part of a system in a <see cref="ResourceUsage"/> reading: a service's process, PostgreSQL with its
/// backends, or the embedded broker's thread (CPU only: its memory is the load generator's). CPU seconds so far, memory now.
/// </summary>
public sealed record ProcessUsage(string Name, double CpuSeconds, long RssBytes, long PssBytes)
{
    private const double MiB = 1024.0 * 1024.0;

    public double RssMiB => RssBytes / MiB;

    public double PssMiB => PssBytes / MiB;
}

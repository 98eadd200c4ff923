namespace PerfMonitor.LoadGen.Usage;

/// <summary>
/// One reading of a system's processes: CPU seconds so far (cumulative, so two readings give the CPU of what happened
/// between them) and memory now. <see cref="ExcludedCpuSeconds"/> is what ran for the system but is not counted as it
/// (orchestration: DCP and the <c>dotnet run</c> wrapper of each service); <see cref="GeneratorCpuSeconds"/> is the load
/// generator's own process, which shares the cores with what it measures. <see cref="Parts"/> splits the counted
/// figures by process where the system has several (PerfMonitor's services, PostgreSQL, the broker); empty otherwise.
/// </summary>
public sealed record ResourceUsage(double CpuSeconds, long RssBytes, long PssBytes, double ExcludedCpuSeconds, double GeneratorCpuSeconds)
{
    private const double MiB = 1024.0 * 1024.0;

    public IReadOnlyList<ProcessUsage> Parts { get; init; } = [];

    public double RssMiB => RssBytes / MiB;

    public double PssMiB => PssBytes / MiB;
}

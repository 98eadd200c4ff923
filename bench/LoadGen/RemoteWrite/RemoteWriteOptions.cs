using System.Globalization;

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>
/// The remote-write comparison (<c>--workload remote-write</c>): what Prometheus's own remote write sends (a fixed set of
/// series, one sample each per request at the current millisecond, snappy protobuf, a few senders), offered as a ramp
/// of paced steps, a hold at the best step that kept up, then unpaced; to PerfMonitor and, in the same run, to each peer.
/// </summary>
public sealed record RemoteWriteOptions
{
    public static readonly IReadOnlyList<int> DefaultSteps = [50_000, 100_000, 150_000, 200_000, 250_000, 300_000, 400_000, 500_000, 650_000, 800_000];

    public int Series { get; init; } = 10_000;

    /// <summary>Series (one sample each) per request; each sender owns Series / Senders of them and cycles through them.</summary>
    public int SeriesPerRequest { get; init; } = 2_000;

    public int Senders { get; init; } = 5;

    /// <summary>Metric names the series are spread over (a label filter per name counts them back).</summary>
    public int Metrics { get; init; } = 10;

    /// <summary>Offered samples per second of each ramp step, ascending; the ramp stops after the first step that does not keep up.</summary>
    public IReadOnlyList<int> Steps { get; init; } = DefaultSteps;

    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan HoldDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>As fast as the system answers, five requests in flight; zero skips the phase.</summary>
    public TimeSpan UnpacedDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long after a paced phase every accepted sample may take to become visible and the phase still count as kept up.</summary>
    public TimeSpan VisibleWithin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after the unpaced phase (a backlog) and after the whole run the count-back may wait.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Share of a step's offered samples that must be accepted for it to keep up.</summary>
    public double KeptUpShare { get; init; } = 0.97;

    /// <summary>Peers that receive the identical workload after PerfMonitor: prometheus, victoriametrics.</summary>
    public IReadOnlyList<string> Peers { get; init; } = [];

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Series <= 0 || Senders <= 0 || SeriesPerRequest <= 0 || Metrics <= 0)
        {
            problems.Add("--series, --senders, --series-per-request and the metric count must be positive");
        }
        else if (Series % Senders != 0 || Series / Senders % SeriesPerRequest != 0)
        {
            problems.Add($"--series ({Series}) must split evenly over --senders ({Senders}) into requests of --series-per-request ({SeriesPerRequest})");
        }
        if (Steps.Count == 0 || Steps.Any(s => s <= 0) || Steps.Zip(Steps.Skip(1)).Any(p => p.First >= p.Second))
        {
            problems.Add("--steps must be positive rates in ascending order");
        }
        if (StepDuration <= TimeSpan.Zero || HoldDuration <= TimeSpan.Zero || UnpacedDuration < TimeSpan.Zero || VisibleWithin <= TimeSpan.Zero)
        {
            problems.Add("--step and --hold must be positive, --unpaced zero or more");
        }
        problems.AddRange(Peers.Where(p => !PeerKinds.Known.ContainsKey(p)).Select(p => $"--peer '{p}' is not one of {string.Join(", ", PeerKinds.Known.Keys)}"));
        return problems;
    }

    /// <summary>Rates as the command line writes them: 50000, 50k, 1.5M.</summary>
    public static IReadOnlyList<int> ParseRates(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(rate => (int)(char.ToLowerInvariant(rate[^1]) switch
        {
            'k' => double.Parse(rate[..^1], CultureInfo.InvariantCulture) * 1_000,
            'm' => double.Parse(rate[..^1], CultureInfo.InvariantCulture) * 1_000_000,
            _ => double.Parse(rate, CultureInfo.InvariantCulture),
        }))
        .ToList();

    public static IReadOnlyList<string> ParsePeers(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.ToLowerInvariant()).Distinct().ToList();
}

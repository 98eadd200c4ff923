using PerfMonitor.LoadGen.Query;
using PerfMonitor.LoadGen.RemoteWrite;

namespace PerfMonitor.LoadGen;

/// <summary>What to send, how fast and for how long; parsed from the command line.</summary>
public sealed record LoadOptions
{
    /// <summary>A running system's gateway; when null the load generator boots one through the orchestration library.</summary>
    public Uri? GatewayUrl { get; init; }

    public Uri? GatewayGrpcUrl { get; init; }

    public string? ApiKey { get; init; }

    public int Services { get; init; } = 20;

    public int RoutesPerService { get; init; } = 25;

    public int Hosts { get; init; } = 20;

    /// <summary>Total series; latency series are services x routes, the rest are host gauges and counters.</summary>
    public int Series { get; init; } = 10_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Samples per second to offer; 0 sends as fast as the system takes them.</summary>
    public int Rate { get; init; }

    public int BatchSize { get; init; } = 1_000;

    /// <summary>Concurrent senders.</summary>
    public int Senders { get; init; } = 4;

    /// <summary>Share of batches per protocol, e.g. grpc=80,json=20.</summary>
    public IReadOnlyDictionary<string, int> Mix { get; init; } = new Dictionary<string, int> { ["grpc"] = 80, ["json"] = 20 };

    public bool MeasureBaselines { get; init; } = true;

    public bool Faults { get; init; }

    /// <summary>Background samples go straight into Kafka instead of through the gateway; the probes still use the gateway.</summary>
    public bool DirectKafka { get; init; }

    /// <summary>The alert probe's notifications go through a receiver and the routing tree instead of the rule's own webhook.</summary>
    public bool RoutedAlerts { get; init; }

    /// <summary>Alert probes timed on the idle system before the load starts: the baseline of the alert latency under load.</summary>
    public int IdleAlertProbes { get; init; } = 5;

    public bool Soak { get; init; }

    public string OutputDirectory { get; init; } = "bench/results";

    /// <summary><see cref="Workloads.Mixed"/> (gRPC/JSON through the gateway, with probes) or <see cref="Workloads.RemoteWrite"/> (the peer comparison) or <see cref="Workloads.Query"/> (query latency beside Prometheus).</summary>
    public string Workload { get; init; } = Workloads.Mixed;

    public RemoteWriteOptions RemoteWrite { get; init; } = new();

    public QueryOptions Query { get; init; } = new();

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--url" => options with { GatewayUrl = new Uri(Next()) },
                "--grpc-url" => options with { GatewayGrpcUrl = new Uri(Next()) },
                "--api-key" => options with { ApiKey = Next() },
                "--series" => options.WithSeries(int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture)),
                "--duration" => options with { Duration = ParseDuration(Next()) },
                "--rate" => options with { Rate = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--batch" => options with { BatchSize = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--senders" => options.WithSenders(int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture)),
                "--mix" => options with { Mix = ParseMix(Next()) },
                "--no-baselines" => options with { MeasureBaselines = false },
                "--faults" => options with { Faults = true },
                "--direct-kafka" => options with { DirectKafka = true },
                "--routed-alerts" => options with { RoutedAlerts = true },
                "--idle-alert-probes" => options with { IdleAlertProbes = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--soak" => options with { Soak = true, Duration = ParseDuration(Next()) },
                "--out" => options with { OutputDirectory = Next() },
                "--workload" => options with { Workload = Workloads.Parse(Next()) },
                "--peer" => options with { RemoteWrite = options.RemoteWrite with { Peers = RemoteWriteOptions.ParsePeers(Next()) } },
                "--steps" => options with { RemoteWrite = options.RemoteWrite with { Steps = RemoteWriteOptions.ParseRates(Next()) } },
                "--step" => options with { RemoteWrite = options.RemoteWrite with { StepDuration = ParseDuration(Next()) } },
                "--hold" => options with { RemoteWrite = options.RemoteWrite with { HoldDuration = ParseDuration(Next()) } },
                "--unpaced" => options with { RemoteWrite = options.RemoteWrite with { UnpacedDuration = ParseDuration(Next()) } },
                "--series-per-request" => options with { RemoteWrite = options.RemoteWrite with { SeriesPerRequest = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) } },
                "--scrape-interval" => options with { Query = options.Query with { ScrapeInterval = ParseDuration(Next()) } },
                "--history" => options with { Query = options.Query with { History = ParseDuration(Next()) } },
                "--repeat" => options with { Query = options.Query with { Repetitions = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) } },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        if (options.Workload == Workloads.RemoteWrite && options.RemoteWrite.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }
        if (options.Workload == Workloads.Query && options.Query.Validate(options.Series) is { Count: > 0 } queryProblems)
        {
            throw new ArgumentException(string.Join("; ", queryProblems));
        }
        return options;
    }

    // Series and senders mean the same for both workloads; each keeps its own default until one is given.
    private LoadOptions WithSeries(int series) => this with { Series = series, RemoteWrite = RemoteWrite with { Series = series } };

    private LoadOptions WithSenders(int senders) => this with { Senders = senders, RemoteWrite = RemoteWrite with { Senders = senders } };

    private static TimeSpan ParseDuration(string text) => text[^1] switch
    {
        's' => TimeSpan.FromSeconds(double.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        'm' => TimeSpan.FromMinutes(double.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        'h' => TimeSpan.FromHours(double.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        'd' => TimeSpan.FromDays(double.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        _ => TimeSpan.FromSeconds(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static Dictionary<string, int> ParseMix(string text) => text.Split(',')
        .Select(part => part.Split('='))
        .ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
}

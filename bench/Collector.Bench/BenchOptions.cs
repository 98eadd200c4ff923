using System.Globalization;

namespace PerfMonitor.Collector.Bench;

/// <summary>Command line: <c>--duration 10s --warmup 3s --initial-warmup 15s --runs 3 --batch 1000 --concurrency 4 --series 10000 --protocols grpc,json,otlp,otlp-grpc,remote-write</c>.</summary>
public sealed class BenchOptions
{
    public static readonly string[] AllProtocols = [Protocols.Grpc, Protocols.Json, Protocols.Otlp, Protocols.OtlpGrpc, Protocols.RemoteWrite];

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sending before each measured phase.</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(3);

    /// <summary>Sending by each protocol once before the first run, so the collector's JIT has settled.</summary>
    public TimeSpan InitialWarmup { get; private set; } = TimeSpan.FromSeconds(15);

    public int Runs { get; private set; } = 3;

    /// <summary>Samples per request (per gRPC message).</summary>
    public int BatchSize { get; private set; } = 1_000;

    /// <summary>gRPC messages streamed in one Push call before it is closed and answered.</summary>
    public int BatchesPerCall { get; private set; } = 10;

    /// <summary>Requests (or gRPC calls) in flight at once.</summary>
    public int Concurrency { get; private set; } = 4;

    /// <summary>Distinct series, spread over ten metrics (each stays under the collector's per-metric limit).</summary>
    public int Series { get; private set; } = 10_000;

    public int Partitions { get; private set; } = 32;

    public IReadOnlyList<string> ProtocolNames { get; private set; } = AllProtocols;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i++])
            {
                case "--duration": options.Duration = Seconds(value); break;
                case "--warmup": options.Warmup = Seconds(value); break;
                case "--initial-warmup": options.InitialWarmup = Seconds(value); break;
                case "--runs": options.Runs = Positive(value); break;
                case "--batch": options.BatchSize = Positive(value); break;
                case "--batches-per-call": options.BatchesPerCall = Positive(value); break;
                case "--concurrency": options.Concurrency = Positive(value); break;
                case "--series": options.Series = Positive(value); break;
                case "--partitions": options.Partitions = Positive(value); break;
                case "--protocols":
                    options.ProtocolNames = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (options.ProtocolNames.Except(AllProtocols).FirstOrDefault() is { } unknown)
                    {
                        throw new ArgumentException($"Unknown protocol {unknown}; known: {string.Join(", ", AllProtocols)}");
                    }
                    break;
                default: throw new ArgumentException($"Unknown option {args[i - 1]}");
            }
        }
        return options;
    }

    public string CommandLine() =>
        $"--duration {Duration.TotalSeconds:0}s --warmup {Warmup.TotalSeconds:0}s --initial-warmup {InitialWarmup.TotalSeconds:0}s --runs {Runs} --batch {BatchSize} " +
        $"--batches-per-call {BatchesPerCall} --concurrency {Concurrency} --series {Series} --partitions {Partitions} --protocols {string.Join(',', ProtocolNames)}";

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value.TrimEnd('s'), CultureInfo.InvariantCulture));

    private static int Positive(string value) => int.Parse(value, CultureInfo.InvariantCulture) is > 0 and var parsed
        ? parsed
        : throw new ArgumentException($"{value} must be a positive number");
}

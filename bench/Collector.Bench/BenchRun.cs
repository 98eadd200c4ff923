using System.Diagnostics;

namespace PerfMonitor.Collector.Bench;

/// <summary>
/// Each run measures the baseline and then every protocol in turn, so every ratio compares figures taken minutes
/// apart on the same (shared, noisy) machine. A phase warms up, then is measured between two of the collector's
/// metric exports, so the collector's allocation counter and the accepted count cover the same interval.
/// </summary>
public sealed class BenchRun(BenchOptions options, CollectorTarget target, Workload workload, TextWriter log)
{
    public async Task<IReadOnlyList<PhaseResult>> RunAsync()
    {
        // The collector's tiered JIT keeps compiling for tens of seconds under load on this machine (perf showed
        // a third of its CPU in the JIT after 30 s): every path is exercised once before anything is measured.
        foreach (var protocol in options.ProtocolNames.Prepend(Protocols.Baseline))
        {
            using var sender = CreateSender(protocol);
            await SendAsync(sender, () => Task.Delay(options.InitialWarmup));
            log.WriteLine($"warmed up {protocol}");
        }

        var results = new List<PhaseResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var protocol in options.ProtocolNames.Prepend(Protocols.Baseline))
            {
                using var sender = CreateSender(protocol);
                var result = await MeasureAsync(protocol, run, sender);
                log.WriteLine($"run {run} {protocol,-13} {result.SamplesPerSecond,12:N0} samples/s  {result.BytesPerSample,7:N0} B/sample  " +
                    $"collector {result.CollectorCpuMicrosPerSample,5:N2} µs CPU/sample ({result.CollectorCores:N2} cores)  bench {result.BenchCores:N2} cores");
                results.Add(result);
            }
        }
        return results;
    }

    private ISender CreateSender(string protocol) => protocol switch
    {
        Protocols.Baseline => new KafkaDirectSender(target.Kafka.BootstrapServers, workload, options.Partitions),
        Protocols.Grpc => new GrpcSender(target.GrpcUrl, Payloads.For(protocol, workload), options.BatchesPerCall),
        Protocols.OtlpGrpc => new OtlpGrpcSender(target.GrpcUrl, Payloads.For(protocol, workload)),
        _ => new HttpSender(target.HttpUrl, protocol, Payloads.For(protocol, workload)),
    };

    private async Task<PhaseResult> MeasureAsync(string protocol, int run, ISender sender)
    {
        Snapshot? start = null, end = null;
        await SendAsync(sender, async accepted =>
        {
            await Task.Delay(options.Warmup);
            start = await SnapshotAsync(accepted, protocol);
            await Task.Delay(options.Duration);
            end = await SnapshotAsync(accepted, protocol);
        });

        var samples = end!.Accepted - start!.Accepted;
        var elapsed = end.Time - start.Time;
        var collectorCpu = end.CollectorCpu - start.CollectorCpu;
        return new PhaseResult(
            protocol, run, samples, elapsed,
            (double)(end.Allocated - start.Allocated) / samples,
            collectorCpu.TotalMicroseconds / samples,
            collectorCpu / elapsed,
            (end.BenchCpu - start.BenchCpu) / elapsed);
    }

    private Task SendAsync(ISender sender, Func<Task> whileSending) => SendAsync(sender, _ => whileSending());

    /// <summary>Keeps <see cref="BenchOptions.Concurrency"/> requests in flight until <paramref name="whileSending"/> is done.</summary>
    private async Task SendAsync(ISender sender, Func<Func<long>, Task> whileSending)
    {
        long accepted = 0;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, options.Concurrency).Select(worker => Task.Run(async () =>
        {
            for (var index = worker; !stop.IsCancellationRequested; index += options.Concurrency)
            {
                Interlocked.Add(ref accepted, await sender.SendAsync(index, CancellationToken.None));
            }
        })).ToList();
        try
        {
            await whileSending(() => Interlocked.Read(ref accepted));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }
    }

    private async Task<Snapshot> SnapshotAsync(Func<long> accepted, string protocol)
    {
        // The collector's figure is only as fresh as its last export, so the interval starts and ends at one.
        var collectorAllocated = await target.Runtime.NextAsync(CancellationToken.None);
        return new Snapshot(
            Stopwatch.GetElapsedTime(0),
            accepted(),
            protocol == Protocols.Baseline ? GC.GetTotalAllocatedBytes() : collectorAllocated,
            ProcessCpu.Of(target.Collector.ProcessId),
            Process.GetCurrentProcess().TotalProcessorTime);
    }

    private sealed record Snapshot(TimeSpan Time, long Accepted, long Allocated, TimeSpan CollectorCpu, TimeSpan BenchCpu);
}

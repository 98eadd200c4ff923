using BenchmarkDotNet.Running;
using PerfMonitor.Analytics.Bench.Explain;
using PerfMonitor.Analytics.Bench.Throughput;

return args.FirstOrDefault() switch
{
    "--explain" => await ExplainRun.RunAsync(args[1..]),
    "--throughput" => await ThroughputRun.RunAsync(args[1..]),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(PerfMonitor.Analytics.Bench.BenchSeries).Assembly).Run(args);
    return 0;
}

using BenchmarkDotNet.Running;
using PerfMonitor.Micro.Bench;

BenchmarkSwitcher.FromAssembly(typeof(RemoteWriteBenchmarks).Assembly).Run(args);

using PerfMonitor.Collector.Bench;

var options = BenchOptions.Parse(args);
var workload = Workload.Create(options);
await using var target = await CollectorTarget.StartAsync(options, Console.Out);
var results = await new BenchRun(options, target, workload, Console.Out).RunAsync();
Console.WriteLine();
Console.WriteLine(Report.Markdown(options, results));

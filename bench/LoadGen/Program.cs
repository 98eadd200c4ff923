using PerfMonitor.LoadGen;
using PerfMonitor.LoadGen.Query;
using PerfMonitor.LoadGen.RemoteWrite;

var options = LoadOptions.Parse(args);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

if (options.Workload == Workloads.RemoteWrite)
{
    var comparison = await new RemoteWriteRun(options, Console.Out).RunAsync(cancellation.Token);
    Console.WriteLine();
    Console.WriteLine(ComparisonTable.Format(comparison));
    var (comparisonJson, comparisonPng) = ReportWriter.Save(comparison, options.OutputDirectory);
    Console.WriteLine($"Report: {comparisonJson}  Chart: {comparisonPng}");
    return comparison.CountsMatch ? 0 : 2;
}

if (options.Workload == Workloads.Query)
{
    var queries = await new QueryRun(options, Console.Out).RunAsync(cancellation.Token);
    Console.WriteLine();
    Console.WriteLine(QueryTable.Format(queries));
    var (queryJson, queryPng) = ReportWriter.Save(queries, options.OutputDirectory);
    Console.WriteLine($"Report: {queryJson}  Chart: {queryPng}");
    return queries.CountsMatch && queries.AllAgree ? 0 : 2;
}

var report = await new LoadRun(options, Console.Out).RunAsync(cancellation.Token);
Console.WriteLine();
Console.WriteLine(ReportWriter.Table(report));
var (json, png) = ReportWriter.Save(report, options.OutputDirectory);
Console.WriteLine($"Report: {json}  Chart: {png}");
return report.CountsMatch ? 0 : 2;

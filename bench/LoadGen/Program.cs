using PerfMonitor.LoadGen;

var options = LoadOptions.Parse(args);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var report = await new LoadRun(options, Console.Out).RunAsync(cancellation.Token);
Console.WriteLine();
Console.WriteLine(ReportWriter.Table(report));
var (json, png) = ReportWriter.Save(report, options.OutputDirectory);
Console.WriteLine($"Report: {json}  Chart: {png}");
return report.CountsMatch ? 0 : 2;

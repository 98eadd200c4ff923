using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using PerfMonitor.Contracts;
using PerfMonitor.Gateway.Bench;
using PerfMonitor.SystemTesting;

// Gateway overhead: the same rollup query through the gateway (key check, rate limiter, YARP) and straight to
// analytics, interleaved in one run on one machine, so both see the same database and the same noise.
var sequential = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
const int Concurrency = 16;
const int Warmup = 300;

// Not CreateTempSubdirectory (mode 700): PostgreSQL runs as the postgres user when the bench runs as root.
var data = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"perfmon-gateway-bench-{Guid.NewGuid():N}"));
var key = "pm_bench_" + System.Security.Cryptography.RandomNumberGenerator.GetHexString(32, lowercase: true);
var options = new SystemOptions { DataDirectory = data.FullName };
// The bench key has no rate limit: the point is the proxy's cost, not the limiter's answer.
options.ServiceEnvironment[ResourceNames.Gateway] = new()
{
    ["ApiKeys__bench__Key"] = key,
    ["ApiKeys__bench__Scopes"] = "admin",
    ["ApiKeys__bench__PermitsPerSecond"] = "0",
};
// Further arguments KEY=VALUE go into the gateway's environment, to compare a setting against the defaults.
foreach (var setting in args.Skip(2).Select(a => a.Split('=', 2)).Where(kv => kv.Length == 2))
{
    options.ServiceEnvironment[ResourceNames.Gateway][setting[0]] = setting[1];
}
await using var app = await PerfMonitorSystem.StartAsync(options);

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency * 2 }) { Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Add("X-Api-Key", key);
var gateway = app.GatewayUrl.ToString().TrimEnd('/');
var analytics = app.Service(ResourceNames.Analytics).HttpUrl.ToString().TrimEnd('/');

var now = DateTimeOffset.UtcNow;
var samples = Enumerable.Range(0, 600).Select(i => new
{
    metric = "bench_latency_ms",
    labels = new Dictionary<string, string> { ["service"] = "bench", ["route"] = $"/r{i % 5}" },
    value = 20.0 + i % 37,
    timestamp = now.AddSeconds(-i * 0.2),
});
(await http.PostAsJsonAsync($"{gateway}/api/v1/samples", new { samples })).EnsureSuccessStatusCode();
const string Query = "/api/v1/rollups?metric=bench_latency_ms&labels=service:bench&step=1m";
for (var attempt = 0; attempt < 60 && !(await http.GetStringAsync(analytics + Query)).Contains("\"count\"", StringComparison.Ordinal); attempt++)
{
    await Task.Delay(500);
}

// The same query as perfmon.v1.Query/GetRollups over JSON (transcoded in analytics), also through the gateway.
const string Transcoded = "/api/v1/rpc/query/rollups?metric=bench_latency_ms&labels=service:bench&step=1m";
var targets = new[] { ("gateway", gateway + Query), ("analytics direct", analytics + Query), ("gateway, gRPC as JSON", gateway + Transcoded) };
foreach (var (_, url) in targets)
{
    for (var i = 0; i < Warmup; i++)
    {
        await Measurement.TimeOneAsync(http, url, () => { });
    }
}

var latencies = targets.ToDictionary(t => t.Item1, _ => new List<double>(sequential));
var errors = targets.ToDictionary(t => t.Item1, _ => 0);
for (var i = 0; i < sequential; i++)
{
    // Rotated, so no target always goes first after the previous one.
    foreach (var (name, url) in targets.Skip(i % targets.Length).Concat(targets.Take(i % targets.Length)))
    {
        latencies[name].Add(await Measurement.TimeOneAsync(http, url, () => errors[name]++));
    }
}

var results = new List<Measurement>();
foreach (var (name, url) in targets)
{
    var (perSecond, throughputErrors) = await Measurement.ThroughputAsync(http, url, Concurrency, TimeSpan.FromSeconds(seconds));
    var sorted = latencies[name].Order().ToList();
    results.Add(new Measurement(name, Measurement.Percentile(sorted, 0.50), Measurement.Percentile(sorted, 0.99), sorted.Average(), perSecond, errors[name] + throughputErrors));
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Rollup query `{Query}`, {sequential} sequential requests per target (interleaved), then {Concurrency} concurrent clients for {seconds}s per target; {Environment.ProcessorCount} cores.");
if (args.Length > 2)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"Gateway environment: {string.Join(' ', args.Skip(2))}.");
}
report.AppendLine();
report.AppendLine("| target | p50 ms | p99 ms | mean ms | req/s (16 clients) | errors |");
report.AppendLine("|---|---|---|---|---|---|");
foreach (var r in results)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"| {r.Target} | {r.P50Ms:0.000} | {r.P99Ms:0.000} | {r.MeanMs:0.000} | {r.RequestsPerSecond:0} | {r.Errors} |");
}
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Gateway overhead at p50: {results[0].P50Ms - results[1].P50Ms:0.000} ms; at p99: {results[0].P99Ms - results[1].P99Ms:0.000} ms.");
report.AppendLine(CultureInfo.InvariantCulture, $"gRPC as JSON through the gateway against analytics direct at p50: {results[2].P50Ms - results[1].P50Ms:+0.000;-0.000} ms.");
Console.WriteLine(report);
await File.WriteAllTextAsync(Path.Combine(data.Parent!.FullName, "gateway-bench.md"), report.ToString());

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Hosting;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

/// <summary>The AppHost program itself, as a user runs it: up, healthy, and gone without a trace on SIGTERM.</summary>
public sealed class AppHostTests
{
    [Fact(Timeout = 400_000)]
    public async Task The_AppHost_brings_everything_up_and_stops_every_process_it_started()
    {
        using var data = new TempFolder("perfmon-apphost");
        var resourcesPort = FreePort.Next();
        using var apphost = Start(data.Path, resourcesPort);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{resourcesPort}"), Timeout = TimeSpan.FromSeconds(5) };
            var resources = await Eventually.GetAsync(
                async () => await TryGetAsync(http),
                body => body is { } b && b.GetProperty("phase").GetString() == "running",
                TimeSpan.FromSeconds(240), "the AppHost to report every resource running");
            var states = resources!.Value.GetProperty("resources").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("state").GetString());
            var pids = resources.Value.GetProperty("resources").EnumerateArray()
                .Where(r => r.GetProperty("processId").ValueKind == JsonValueKind.Number)
                .Select(r => r.GetProperty("processId").GetInt32())
                .Append(PostmasterPid(data.Path))
                .ToList();
            var page = await http.GetStringAsync("/");

            Process.Start("kill", ["-TERM", apphost.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await apphost.WaitForExitAsync(exit.Token);

            Assert.All(new[] { "metricsdb", "kafka", "collector", "analytics", "alerting", "gateway" }, name => Assert.Equal("Healthy", states[name]));
            Assert.Contains("PerfMonitor resources", page, StringComparison.Ordinal);
            Assert.Equal(5, pids.Count);
            Assert.All(pids, pid => Assert.False(IsAlive(pid), $"process {pid} is still running"));
        }
        finally
        {
            if (!apphost.HasExited)
            {
                apphost.Kill(entireProcessTree: true);
            }
        }
    }

    private static Process Start(string dataDirectory, int resourcesPort)
    {
        var assembly = RepositoryLayout.ServiceAssembly(RepositoryLayout.FindRoot(), "AppHost");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.Environment["AppHost__ResourcesUrl"] = $"http://127.0.0.1:{resourcesPort}";
        start.Environment["AppHost__DataDirectory"] = dataDirectory;
        start.Environment["AppHost__GatewayHttpPort"] = "0";
        start.Environment["AppHost__GatewayGrpcPort"] = "0";
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<JsonElement?> TryGetAsync(HttpClient http)
    {
        try
        {
            return await http.GetFromJsonAsync<JsonElement>("/api/resources");
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static int PostmasterPid(string dataDirectory) =>
        int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postgres", "pgdata", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Running or sleeping; an exited process awaiting its parent's reap (a zombie) counts as gone.</summary>
    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }
        try
        {
            var text = File.ReadAllText(stat);
            return text[text.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}

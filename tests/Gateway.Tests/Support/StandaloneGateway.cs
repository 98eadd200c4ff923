using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using PerfMonitor.Embedded;
using PerfMonitor.SystemTesting;

namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>
/// The gateway alone, run from its build output as its own process on free loopback ports, in front of a
/// <see cref="StandInService"/>, with the settings a test needs: keys with their own limits, a sign-in token, trusted
/// proxies, Production's cookie. The whole-system fixture's gateway has one configuration; these tests need others.
/// It has an admin, a read and an ingest key; <see cref="Stop"/> or disposal kills the process by its id.
/// </summary>
public sealed class StandaloneGateway : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process process;
    private readonly ConcurrentQueue<string> output;

    private StandaloneGateway(Process process, ConcurrentQueue<string> output, Uri url, Uri grpcUrl)
    {
        this.process = process;
        this.output = output;
        Url = url;
        GrpcUrl = grpcUrl;
    }

    public const string AdminKey = "pm_admin_5f0c1e9a7b2d4c6e8a0b1c2d3e4f5a6b";
    public const string ReaderKey = "pm_reader_1a2b3c4d5e6f708192a3b4c5d6e7f809";
    public const string IngesterKey = "pm_ingester_9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    public Uri Url { get; }

    public Uri GrpcUrl { get; }

    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>
    /// Starts the gateway and waits until it answers /alive. A free port can be taken by another process between the probe
    /// and the gateway's bind (the booted system's services pick theirs at the same time); then it starts again on others.
    /// </summary>
    public static async Task<StandaloneGateway> StartAsync(StandInService services, IReadOnlyDictionary<string, string>? settings = null, string environment = "Production")
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(services, settings, environment);
            }
            catch (InvalidOperationException error) when (attempt < 3 && error.Message.Contains("address already in use", StringComparison.Ordinal))
            {
                // Another process bound the port first: try two more pairs of free ports.
            }
        }
    }

    private static async Task<StandaloneGateway> StartOnceAsync(StandInService services, IReadOnlyDictionary<string, string>? settings, string environment)
    {
        var gateway = Launch(services, settings, environment);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (gateway.process.HasExited)
            {
                var exited = new InvalidOperationException($"The gateway exited with {gateway.process.ExitCode}:{Environment.NewLine}{gateway.Output}");
                await gateway.DisposeAsync();
                throw exited;
            }
            try
            {
                if ((await probe.GetAsync(new Uri(gateway.Url, "/alive"))).StatusCode == HttpStatusCode.OK)
                {
                    return gateway;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the probe's timeout.
            }
            await Task.Delay(200);
        }
        await gateway.DisposeAsync();
        throw new TimeoutException($"The gateway did not answer /alive within {StartTimeout}:{Environment.NewLine}{gateway.Output}");
    }

    /// <summary>Starts a gateway that is expected to refuse its configuration; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(StandInService services, IReadOnlyDictionary<string, string> settings)
    {
        await using var gateway = Launch(services, settings, "Production");
        using var timeout = new CancellationTokenSource(StartTimeout);
        await gateway.process.WaitForExitAsync(timeout.Token);
        return (gateway.process.ExitCode, gateway.Output);
    }

    public void Stop()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static StandaloneGateway Launch(StandInService services, IReadOnlyDictionary<string, string>? settings, string environment)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var grpcUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(GatewayAssembly());
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT" })
        {
            start.Environment.Remove(inherited);
        }
        var environmentVariables = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["DOTNET_ENVIRONMENT"] = environment,
            ["Kestrel__Endpoints__http__Url"] = url.ToString().TrimEnd('/'),
            ["Kestrel__Endpoints__grpc__Url"] = grpcUrl.ToString().TrimEnd('/'),
            ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
            ["Access__SecretsDirectory"] = Path.Combine(Path.GetTempPath(), "perfmon-no-secrets-" + Guid.NewGuid().ToString("N")),
            ["Logging__LogLevel__Default"] = "Warning",
            ["ApiKeys__admin__Key"] = AdminKey,
            ["ApiKeys__admin__Scopes"] = "admin",
            ["ApiKeys__reader__Key"] = ReaderKey,
            ["ApiKeys__reader__Scopes"] = "read",
            ["ApiKeys__ingester__Key"] = IngesterKey,
            ["ApiKeys__ingester__Scopes"] = "ingest",
        };
        foreach (var service in new[] { "collector", "analytics", "alerting" })
        {
            environmentVariables[$"services__{service}__http__0"] = services.HttpUrl.ToString().TrimEnd('/');
            environmentVariables[$"services__{service}__grpc__0"] = services.GrpcUrl.ToString().TrimEnd('/');
        }
        foreach (var (name, value) in environmentVariables.Concat(settings ?? new Dictionary<string, string>()))
        {
            start.Environment[name] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Collect(output, line.Data);
        process.ErrorDataReceived += (_, line) => Collect(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new StandaloneGateway(process, output, url, grpcUrl);
    }

    private static void Collect(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    /// <summary>Gateway.Api's build output in the configuration these tests were built in (the test project builds it).</summary>
    private static string GatewayAssembly() => RepositoryLayout.ServiceAssembly(RepositoryLayout.FindRoot(), "Gateway.Api");
}

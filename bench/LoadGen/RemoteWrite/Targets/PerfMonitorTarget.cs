using System.Net;
using System.Reflection;
using PerfMonitor.LoadGen.Usage;

namespace PerfMonitor.LoadGen.RemoteWrite.Targets;

/// <summary>
/// PerfMonitor through its front door: remote write to the gateway's <c>/api/v1/write</c>, visible when counted in the
/// minute rollups. Live visibility reads the rollup rows in PostgreSQL (cheap) when the load generator booted the
/// system; the final count, and every count against a system given by <c>--url</c>, goes through <c>/api/v1/rollups</c>.
/// </summary>
public sealed class PerfMonitorTarget(
    RemoteWriteClient client, HttpClient gateway, SeriesSet series, PerfMonitorProcesses? processes, MinuteRollupCount? live, DateTimeOffset since)
    : IRemoteWriteTarget
{
    private readonly RollupCounter counter = new(gateway);

    public string Name => "PerfMonitor";

    public string Version => typeof(PerfMonitorTarget).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        .Split('+') is [_, var commit] ? $"commit {commit[..Math.Min(commit.Length, 10)]}" : "this build";

    public RemoteWriteClient Client => client;

    public string UsageScope => processes is null ? "not measured (a running system given by --url)" : PerfMonitorProcesses.Scope;

    public string VisibleSource => live is null ? "minute rollups through /api/v1/rollups" : "minute rollup rows in PostgreSQL (what /api/v1/rollups reads); final count through /api/v1/rollups";

    public Task<long> VisibleAsync(CancellationToken cancellationToken) =>
        live?.CountAsync(series.RunId, since, cancellationToken) ?? CountAsync(cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) => counter.CountAsync(series.RunId, series.MetricNames, cancellationToken);

    public ResourceUsage ReadUsage() => processes?.Read() ?? new ResourceUsage(double.NaN, 0, 0, double.NaN, ProcFs.OwnCpuSeconds());

    /// <summary>
    /// Bearer, as Prometheus's <c>authorization:</c> sends the key, when the gateway takes it; otherwise X-Api-Key. An empty
    /// write request tells which: it gets past authentication or is refused with 401.
    /// </summary>
    public static async Task<WriteAuth> ChooseAuthAsync(Uri writeUrl, string apiKey, CancellationToken cancellationToken)
    {
        using var bearer = new RemoteWriteClient(writeUrl, WriteAuth.Bearer(apiKey));
        var empty = new WriteRequestEncoder(SeriesSet.Create("auth-probe", 0, 1)).Encode(0, 0, 0, _ => 0);
        var refused = await bearer.SendAsync(empty, cancellationToken);
        return refused is not null && refused.StartsWith(((int)HttpStatusCode.Unauthorized).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            ? WriteAuth.ApiKeyHeader(apiKey)
            : WriteAuth.Bearer(apiKey);
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        live?.Dispose();
        return ValueTask.CompletedTask;
    }
}

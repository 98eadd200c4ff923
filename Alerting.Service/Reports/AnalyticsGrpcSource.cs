using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Expressions;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// Health scores and anomalies for a report, asked with the generated perfmon.v1.Query client as the gateway's overview
/// asks them. A call that fails, or an endpoint service discovery does not name, leaves the answer null and says why.
/// </summary>
public sealed partial class AnalyticsGrpcSource(
    Query.QueryClient analytics, IConfiguration configuration, IOptions<ReportOptions> options, TimeProvider clock, ILogger<AnalyticsGrpcSource> logger)
{
    private static readonly string EndpointKey = $"services:{AnalyticsQueries.ServiceName}:grpc:0";

    public Task<HealthScoresResponse?> HealthAsync(DateTimeOffset start, DateTimeOffset end, Dictionary<string, string> unavailable, CancellationToken cancellationToken) =>
        AskAsync("health", unavailable, call => analytics.GetHealthScoresAsync(new HealthScoresRequest { HistoryHours = (end - start).TotalHours }, call), cancellationToken);

    public Task<AnomaliesResponse?> AnomaliesAsync(DateTimeOffset start, DateTimeOffset end, Dictionary<string, string> unavailable, CancellationToken cancellationToken) =>
        AskAsync("anomalies", unavailable, call => analytics.ListAnomaliesAsync(new AnomaliesRequest
        {
            From = start.ToString("O", CultureInfo.InvariantCulture), To = end.ToString("O", CultureInfo.InvariantCulture), Limit = options.Value.MaxAnomalies,
        }, call), cancellationToken);

    private async Task<T?> AskAsync<T>(string section, Dictionary<string, string> unavailable, Func<CallOptions, AsyncUnaryCall<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointKey]))
        {
            unavailable[section] = $"no analytics gRPC endpoint is configured ({EndpointKey})";
            return null;
        }
        try
        {
            return await call(new CallOptions(deadline: clock.GetUtcNow().UtcDateTime + options.Value.SourceTimeout, cancellationToken: cancellationToken));
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogSourceFailed(section, ex.StatusCode, ex.Status.Detail);
            unavailable[section] = $"analytics did not answer: {ex.StatusCode} {ex.Status.Detail}";
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report section {Section} is left empty: analytics answered {Status} {Detail}")]
    private partial void LogSourceFailed(string section, StatusCode status, string detail);
}

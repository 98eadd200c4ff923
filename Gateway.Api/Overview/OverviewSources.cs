using System.Globalization;
using Grpc.Core;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.Gateway.Access;

namespace PerfMonitor.Gateway.Overview;

/// <summary>
/// The overview's sources, asked with the generated clients over the services' gRPC endpoints: analytics'
/// perfmon.v1.Query (health scores, anomalies) and alerting's perfmon.v1.Alerts (firing alerts). Each call carries the
/// caller's scopes as the gateway forwards them to every service, and has its own deadline; one that fails answers
/// nothing and says why, so the overview still answers.
/// </summary>
public sealed partial class OverviewSources(Query.QueryClient analytics, Alerts.AlertsClient alerting, TimeProvider clock, ILogger<OverviewSources> logger)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);

    public Task<SourceAnswer<HealthScoresResponse>> HealthScoresAsync(string callerScopes, CancellationToken cancellationToken) =>
        AskAsync(ResourceNames.Analytics, "GetHealthScores", call => analytics.GetHealthScoresAsync(new HealthScoresRequest(), call), callerScopes, cancellationToken);

    public Task<SourceAnswer<AnomaliesResponse>> AnomaliesAsync(DateTimeOffset since, int limit, string callerScopes, CancellationToken cancellationToken) =>
        AskAsync(ResourceNames.Analytics, "ListAnomalies", call => analytics.ListAnomaliesAsync(
            new AnomaliesRequest { From = since.ToString("O", CultureInfo.InvariantCulture), Limit = limit }, call), callerScopes, cancellationToken);

    public Task<SourceAnswer<ListAlertsResponse>> FiringAlertsAsync(string callerScopes, CancellationToken cancellationToken) =>
        AskAsync(ResourceNames.Alerting, "ListAlerts", call => alerting.ListAlertsAsync(new ListAlertsRequest { State = FiringState }, call), callerScopes, cancellationToken);

    private const string FiringState = "firing";

    private async Task<SourceAnswer<T>> AskAsync<T>(
        string service, string method, Func<CallOptions, AsyncUnaryCall<T>> call, string callerScopes, CancellationToken cancellationToken) where T : class
    {
        var options = new CallOptions(
            new Metadata { { AccessControl.CallerScopesHeader, callerScopes } }, clock.GetUtcNow().UtcDateTime + CallTimeout, cancellationToken);
        try
        {
            return new(await call(options), "ok");
        }
        catch (RpcException error) when (!cancellationToken.IsCancellationRequested)
        {
            LogSourceFailed(logger, service, method, error.StatusCode, error.Status.Detail);
            return new(null, error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded
                ? $"{service} unavailable"
                : $"{service} answered {error.StatusCode}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overview: {Service} did not answer {Method}: {Status} {Detail}")]
    private static partial void LogSourceFailed(ILogger logger, string service, string method, StatusCode status, string detail);
}

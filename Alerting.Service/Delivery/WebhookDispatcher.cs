namespace PerfMonitor.Alerting.Delivery;

/// <summary>Sends queued notifications to their webhooks; the HttpClient carries the standard resilience handler.</summary>
public sealed partial class WebhookDispatcher(NotificationQueue queue, IHttpClientFactory httpClients, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string ClientName = "webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = httpClients.CreateClient(ClientName);
        await foreach (var notification in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                using var response = await client.PostAsJsonAsync(notification.WebhookUrl, notification, stoppingToken);
                LogDelivered(notification.RuleId, notification.State, (int)response.StatusCode);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
            {
                LogFailed(ex, notification.RuleId, notification.State);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {RuleId} {State}: webhook answered {StatusCode}")]
    private partial void LogDelivered(Guid ruleId, string state, int statusCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule {RuleId} {State}: webhook delivery failed")]
    private partial void LogFailed(Exception exception, Guid ruleId, string state);
}

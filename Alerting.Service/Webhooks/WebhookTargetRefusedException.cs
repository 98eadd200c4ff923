namespace PerfMonitor.Alerting.Webhooks;

/// <summary>A connection the address policy refused: permanent for this target, so neither retried nor counted by a breaker.</summary>
public sealed class WebhookTargetRefusedException(string host, string refusal) : HttpRequestException($"{host}: {refusal}")
{
    /// <summary>Whether an exception from the HTTP client is, or wraps, a refusal (the handler wraps what a ConnectCallback throws).</summary>
    public static bool IsRefusal(Exception? exception) =>
        exception is WebhookTargetRefusedException || (exception?.InnerException is { } inner && IsRefusal(inner));
}

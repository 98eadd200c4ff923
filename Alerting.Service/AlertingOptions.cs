using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Alerting;

public sealed class AlertingOptions
{
    public const string Section = "Alerting";

    public const string ConsumerGroup = "alerting";

    /// <summary>
    /// Webhooks to loopback and private addresses are refused to prevent server-side request forgery;
    /// the AppHost allows them so a user can try a webhook on their own machine.
    /// </summary>
    public bool AllowPrivateWebhookTargets { get; set; }

    /// <summary>How often rules are re-read, so a rule changed through another replica takes effect.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RuleRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05")]
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1, 1_000_000)]
    public int NotificationQueueCapacity { get; set; } = 10_000;
}

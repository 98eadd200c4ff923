namespace PerfMonitor.Alerting.Receivers;

/// <summary>
/// A named receiver. <see cref="Secret"/> is the kind's credential (the webhook's signing key, the Slack or Teams URL,
/// the SMTP password, the PagerDuty routing key): write-only in the API, encrypted at rest, decrypted only to send.
/// </summary>
public sealed record Receiver(string Name, ReceiverKind Kind, string Url, string? Secret, EmailSettings? Email, bool SendResolved)
{
    public const string PagerDutyEventsUrl = "https://events.pagerduty.com/v2/enqueue";

    /// <summary>Where Alertmanager takes pushed alerts, below its base URL.</summary>
    public const string AlertmanagerApiPath = "/api/v2/alerts";

    /// <summary>The receiver's own title and body templates; null renders its kind's default.</summary>
    public ReceiverTemplates? Templates { get; init; }

    /// <summary>Where requests go, as the delivery log may show it: a secret URL (Slack, Teams) only by its scheme and host.</summary>
    public string Target => Kind switch
    {
        ReceiverKind.Slack or ReceiverKind.MsTeams => Uri.TryCreate(Secret, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}" : "",
        ReceiverKind.Email => $"smtp://{Email!.Smarthost}",
        ReceiverKind.Alertmanager => Url.TrimEnd('/').EndsWith(AlertmanagerApiPath, StringComparison.Ordinal) ? Url : Url.TrimEnd('/') + AlertmanagerApiPath,
        _ => Url,
    };

    /// <summary>The URL a request is sent to: the secret one for Slack and Teams.</summary>
    public string SendUrl => Kind is ReceiverKind.Slack or ReceiverKind.MsTeams ? Secret ?? "" : Target;
}

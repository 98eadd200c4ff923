namespace PerfMonitor.Alerting.Notify;

/// <summary>One row of the outbox: a rendered, signed request waiting to reach its receiver.</summary>
public sealed record OutboxNotification(
    Guid Id,
    Guid RuleId,
    long? SeriesId,
    string Event,
    string Url,
    string Format,
    string Body,
    string? Signature,
    int Attempts,
    DateTimeOffset CreatedAt,
    string? LastError)
{
    /// <summary>The claim this copy was taken under; its result is written only while the row's lease is still this one.</summary>
    public Guid LeaseToken { get; init; }

    /// <summary>A grouped notification's named receiver, whose URL and secret are read again when it is sent; null for a rule's own webhook.</summary>
    public string? Receiver { get; init; }

    /// <summary>The aggregation group a grouped notification reports on; the next one of the group waits until this one is settled.</summary>
    public string? GroupKey { get; init; }

    /// <summary>The breaker key: scheme, host and port, so two receivers on one machine do not share a breaker.</summary>
    public string Host => HostOf(Url);

    public static string HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}" : url;
}

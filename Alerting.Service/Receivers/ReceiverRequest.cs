namespace PerfMonitor.Alerting.Receivers;

/// <summary>
/// A receiver as POST and PUT /api/v1/receivers take it. <c>secret</c> is write-only: left out on a PUT it keeps the stored
/// one, an empty string removes it.
/// </summary>
public sealed record ReceiverRequest(string? Name, string? Kind, string? Url, string? Secret, EmailRequest? Email, bool? SendResolved);

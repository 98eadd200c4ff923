namespace PerfMonitor.Alerting.Receivers;

/// <summary>
/// A receiver as POST and PUT /api/v1/receivers take it. <c>secret</c> is write-only: left out on a PUT it keeps the stored
/// one, an empty string removes it. <c>templates</c> (title, body) are Fluid templates, checked here; left out, the
/// receiver renders its kind's default.
/// </summary>
public sealed record ReceiverRequest(string? Name, string? Kind, string? Url, string? Secret, EmailRequest? Email, bool? SendResolved, ReceiverTemplates? Templates = null);

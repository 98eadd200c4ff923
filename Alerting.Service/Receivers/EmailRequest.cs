namespace PerfMonitor.Alerting.Receivers;

/// <summary>An e-mail receiver's settings as JSON carries them; smarthost is host:port.</summary>
public sealed record EmailRequest(List<string>? To, string? From, string? Smarthost, string? Username, bool? RequireTls);

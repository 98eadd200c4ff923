namespace PerfMonitor.Alerting.Grouping;

/// <summary>A receiver's templates rendered for one notification: the title, the body as text, and (e-mail) the body as HTML; null keeps the default.</summary>
public sealed record RenderedTemplates(string? Title, string? Text, string? Html);

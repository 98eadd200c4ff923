namespace PerfMonitor.Alerting.Receivers;

/// <summary>
/// A receiver's Fluid (Liquid) templates for a notification's title and body; either left out renders the kind's default.
/// </summary>
public sealed record ReceiverTemplates(string? Title, string? Body)
{
    public bool IsEmpty => string.IsNullOrEmpty(Title) && string.IsNullOrEmpty(Body);
}

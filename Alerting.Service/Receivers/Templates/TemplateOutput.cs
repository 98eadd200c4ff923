namespace PerfMonitor.Alerting.Receivers.Templates;

/// <summary>What a render gave: the text, or why there is none (the template failed, ran too long, or wrote too much).</summary>
public sealed record TemplateOutput(string? Text, string? Error)
{
    public static TemplateOutput Failed(string error) => new(null, error);
}

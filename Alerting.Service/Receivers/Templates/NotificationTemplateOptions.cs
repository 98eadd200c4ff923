using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Alerting.Receivers.Templates;

/// <summary>Receivers' templates (section Alerting:Templates): where their dashboard links point and how far a template may go.</summary>
public sealed class NotificationTemplateOptions : IValidatableObject
{
    public const string Section = "Alerting:Templates";

    /// <summary>The dashboard a reader opens (its explorer is at #/explorer): an absolute http(s) URL without query or fragment.</summary>
    [Required]
    public string DashboardUrl { get; set; } = "http://localhost:5100";

    /// <summary>A render that takes longer is stopped, and the receiver's default wording is sent instead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many characters a template may write; more stops it, and the default wording is sent.</summary>
    [Range(256, 1_048_576)]
    public int MaxOutputChars { get; set; } = 65_536;

    /// <summary>At most this many statements a render may run (a loop over a huge range ends here, not in the time limit).</summary>
    [Range(100, 10_000_000)]
    public int MaxSteps { get; set; } = 100_000;

    /// <summary>A longer template is refused when the receiver is saved.</summary>
    [Range(1, 1_048_576)]
    public int MaxTemplateChars { get; set; } = 16_384;

    /// <summary>How far before an alert's start, and after its end, its explorer link shows the metric.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ExplorerMargin { get; set; } = TimeSpan.FromMinutes(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(DashboardUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            yield return new ValidationResult($"{Section}:{nameof(DashboardUrl)} '{DashboardUrl}' must be an absolute http or https URL without query or fragment", [nameof(DashboardUrl)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Alerting.Acknowledgement;

/// <summary>Signed acknowledge links (section Alerting:Acknowledge): where they point and how long they work.</summary>
public sealed class AcknowledgeOptions : IValidatableObject
{
    public const string Section = "Alerting:Acknowledge";

    /// <summary>
    /// The gateway as the people who get notifications reach it (https://perfmon.example.com); links are this URL plus
    /// <c>/ack/{token}</c>. Unset, notifications carry no acknowledge link: a guessed address would be a dead link.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a link acknowledges; after that it answers 410 and the alert is acknowledged in the dashboard or API.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(PublicBaseUrl))
        {
            yield break;
        }
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
        {
            yield return new ValidationResult(
                $"{Section}:PublicBaseUrl must be an absolute http or https URL without query, fragment or credentials, such as https://perfmon.example.com",
                [nameof(PublicBaseUrl)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Alerting.Acknowledgement;

/// <summary>Signed acknowledge links (section Alerting:Acknowledge): where they point and how long they work.</summary>
public sealed class AcknowledgeOptions : IValidatableObject
{
    public const string Section = "Alerting:Acknowledge";

    /// <summary>
    /// The gateway as the people who get notifications reach it; links are this URL plus <c>/ack/{token}</c>. The default
    /// is the gateway's local address, right for one machine; set the public one (https://perfmon.example.com) otherwise.
    /// </summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://localhost:5100";

    /// <summary>How long a link acknowledges; after that it answers 410 and the alert is acknowledged in the dashboard or API.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
        {
            yield return new ValidationResult(
                $"{Section}:PublicBaseUrl must be an absolute http or https URL without query, fragment or credentials, such as https://perfmon.example.com",
                [nameof(PublicBaseUrl)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;
using System.Net;

namespace PerfMonitor.Alerting.Webhooks;

/// <summary>Where webhooks may connect (section Alerting, beside the evaluator's settings).</summary>
public sealed class WebhookTargetOptions : IValidatableObject
{
    public const string Section = "Alerting";

    /// <summary>
    /// Loopback, private and reserved addresses are refused to prevent server-side request forgery; local runs allow them so
    /// a user can try a webhook on their own machine. The metadata and link-local ranges stay refused either way.
    /// </summary>
    public bool AllowPrivateWebhookTargets { get; set; }

    /// <summary>
    /// CIDR ranges webhooks never reach, whatever else is allowed: the cluster's pod and service ranges, say. Each entry may
    /// hold several, comma-separated, so one environment variable can carry the whole list.
    /// </summary>
    public List<string> DeniedWebhookNetworks { get; set; } = [];

    /// <summary>How long a rule's save waits for its webhook host's name to resolve; unresolved names are checked again at connect time.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan WebhookResolveTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<IPNetwork> DeniedNetworks() => [.. Entries().Select(IPNetwork.Parse)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Entries().Where(entry => !IsCanonicalCidr(entry)).Select(entry => new ValidationResult(
            $"'{entry}' is not a CIDR range such as 10.96.0.0/12 or fd00::/8 (no bits may be set past the prefix length)",
            [nameof(DeniedWebhookNetworks)]));

    /// <summary>IPNetwork would quietly drop bits past the prefix (10.0.0.1/8 as 10.0.0.0/8); a typo like that is refused instead.</summary>
    private static bool IsCanonicalCidr(string entry) =>
        IPNetwork.TryParse(entry, out var network) && IPAddress.TryParse(entry.Split('/')[0], out var address) && network.BaseAddress.Equals(address);

    private IEnumerable<string> Entries() =>
        DeniedWebhookNetworks.SelectMany(list => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Alerting.Notify;

/// <summary>What payloads link to (section Alerting:Delivery, beside the delivery settings it was always read with).</summary>
public sealed class PayloadOptions
{
    public const string Section = "Alerting:Delivery";

    /// <summary>Where links in payloads (Alertmanager's externalURL, generatorURL) point: the gateway a user opens.</summary>
    [Required]
    public string ExternalUrl { get; set; } = "http://localhost:5100";
}

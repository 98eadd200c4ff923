using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Alerting.Secrets;

/// <summary>Where the Data Protection key ring that encrypts webhook secrets lives (section Alerting:DataProtection).</summary>
public sealed class SecretProtectionOptions : IValidatableObject
{
    public const string Section = "Alerting:DataProtection";

    /// <summary>
    /// A folder holding the key ring instead of PostgreSQL, typically a mounted Kubernetes Secret, so a database dump alone
    /// does not decrypt the secrets. A read-only folder must already hold a key; a writable one gets one on first start.
    /// </summary>
    public string? KeyRingPath { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(KeyRingPath))
        {
            yield break;
        }
        if (!Directory.Exists(KeyRingPath))
        {
            yield return new ValidationResult($"folder {KeyRingPath} does not exist", [nameof(KeyRingPath)]);
        }
        else if (!KeyRingFolder.IsWritable(KeyRingPath) && !KeyRingFolder.HasKeys(KeyRingPath))
        {
            yield return new ValidationResult(
                $"folder {KeyRingPath} is read-only and holds no key-*.xml: start once with a writable folder and create the Secret from its files",
                [nameof(KeyRingPath)]);
        }
    }
}

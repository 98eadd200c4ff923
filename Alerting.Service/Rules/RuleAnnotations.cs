namespace PerfMonitor.Alerting.Rules;

/// <summary>
/// A rule's annotations (summary, description, runbook_url, ...): names are label names, values are bounded, and a
/// runbook URL is an absolute http(s) URL, since notifications and templates turn it into a link a reader follows.
/// </summary>
public static class RuleAnnotations
{
    public const string RunbookUrl = "runbook_url";

    /// <summary>A summary or description is prose for a person; longer text belongs behind the runbook link.</summary>
    public const int MaxValueLength = 4096;

    public static void Check(IReadOnlyDictionary<string, string>? annotations, Action<string, string> fail)
    {
        foreach (var (name, value) in annotations ?? new Dictionary<string, string>())
        {
            if (!RuleValidator.LabelName().IsMatch(name))
            {
                fail($"annotations.{name}", "must be a name matching [a-zA-Z_][a-zA-Z0-9_]*");
            }
            else if ((value ?? "").Length > MaxValueLength)
            {
                fail($"annotations.{name}", $"must be at most {MaxValueLength} characters");
            }
            else if (name == RunbookUrl && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                fail($"annotations.{name}", "must be an absolute http or https URL");
            }
        }
    }
}

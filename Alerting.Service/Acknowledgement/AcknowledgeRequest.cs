namespace PerfMonitor.Alerting.Acknowledgement;

/// <summary>The body of POST /api/v1/alerts/{id}/acknowledge: who acknowledges (required) and an optional comment.</summary>
public sealed record AcknowledgeRequest(string? By, string? Comment)
{
    public const int MaxByLength = 200;
    public const int MaxCommentLength = 2000;

    /// <summary>Problems by field (by, comment); empty when the request is valid.</summary>
    public Dictionary<string, string[]> Check()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(By))
        {
            errors["by"] = ["is required: who acknowledges, shown in the alert view"];
        }
        else if (By.Length > MaxByLength)
        {
            errors["by"] = [$"must be at most {MaxByLength} characters"];
        }
        if (Comment is { Length: > MaxCommentLength })
        {
            errors["comment"] = [$"must be at most {MaxCommentLength} characters"];
        }
        return errors;
    }
}

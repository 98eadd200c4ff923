using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PerfMonitor.Analytics.Queries;

/// <summary>Parsing shared by the query endpoints; every refusal is problem+json naming the field.</summary>
public static class QueryParameters
{
    public static ProblemHttpResult Invalid(string field, string reason) => TypedResults.Problem(new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "Invalid query",
        Detail = $"{field} {reason}",
        Extensions = { ["field"] = field },
    });

    /// <summary>422: the query is valid but too expensive; the problem names the parameter to narrow, and the count and limit.</summary>
    public static ProblemHttpResult TooExpensive(QueryTooExpensiveException refused, QueryFields fields)
    {
        var (field, detail) = refused.Describe(fields);
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Query too expensive",
            Detail = detail,
            Extensions = { ["field"] = field },
        };
        if (refused.Cost == QueryCost.Timeout)
        {
            problem.Extensions["timeoutMs"] = refused.Limit;
        }
        else
        {
            problem.Extensions["found"] = refused.Found;
            problem.Extensions["limit"] = refused.Limit;
        }
        return TypedResults.Problem(problem);
    }

    /// <summary>"k:v,k2:v2" into a label filter; null and the offending pair when one is not name:value.</summary>
    public static bool TryParseLabels(string? text, out Dictionary<string, string> labels, out string bad)
    {
        labels = new Dictionary<string, string>(StringComparer.Ordinal);
        bad = "";
        foreach (var pair in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':');
            if (colon <= 0)
            {
                bad = pair;
                return false;
            }
            labels[pair[..colon]] = pair[(colon + 1)..];
        }
        return true;
    }

    public static bool TryParseTime(string? text, DateTimeOffset fallback, out DateTimeOffset time)
    {
        if (string.IsNullOrEmpty(text))
        {
            time = fallback;
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}

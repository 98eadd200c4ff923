using System.Globalization;

namespace PerfMonitor.Analytics.Queries;

/// <summary>A query refused for its cost (see <see cref="QueryLimits"/>); <see cref="Describe"/> says what to narrow.</summary>
public sealed class QueryTooExpensiveException : Exception
{
    private QueryTooExpensiveException(QueryCost cost, long found, long limit, Exception? inner)
        : base($"Query too expensive: {cost} ({found} of {limit})", inner)
    {
        Cost = cost;
        Found = found;
        Limit = limit;
    }

    public QueryCost Cost { get; }

    /// <summary>Series matched, series asked for, or milliseconds allowed, by <see cref="Cost"/>.</summary>
    public long Found { get; }

    public long Limit { get; }

    public static QueryTooExpensiveException TooManySeries(long found, int limit) => new(QueryCost.TooManySeries, found, limit, null);

    public static QueryTooExpensiveException LimitTooLarge(long requested, int limit) => new(QueryCost.LimitTooLarge, requested, limit, null);

    public static QueryTooExpensiveException Timeout(TimeSpan timeout, Exception inner)
    {
        var milliseconds = (long)Math.Ceiling(timeout.TotalMilliseconds);
        return new(QueryCost.Timeout, milliseconds, milliseconds, inner);
    }

    /// <summary>The parameter to narrow, in the endpoint's own names, and a message saying how.</summary>
    public (string Field, string Detail) Describe(QueryFields fields) => Cost switch
    {
        QueryCost.TooManySeries => (fields.Labels ?? "",
            $"the query matches {Count(Found)} series, more than the {Count(Limit)} one query may read; add label filters ({fields.Labels}) to match fewer"),
        QueryCost.LimitTooLarge => (fields.Limit ?? "",
            $"{fields.Limit} {Count(Found)} is more than the {Count(Limit)} series one query may return; ask for at most {Count(Limit)} or add label filters ({fields.Labels})"),
        _ => (fields.Range ?? fields.Labels ?? "",
            $"the query ran past the {Count(Limit)} ms statement timeout; narrow it: {string.Join(" or ", Narrowing(fields))}"),
    };

    private static IEnumerable<string> Narrowing(QueryFields fields)
    {
        if (fields.Range is { } range)
        {
            yield return $"a shorter range ({range})";
        }
        if (fields.Step is { } step)
        {
            yield return $"a larger step ({step})";
        }
        if (fields.Labels is { } labels)
        {
            yield return $"more label filters ({labels})";
        }
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}

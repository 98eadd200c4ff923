namespace PerfMonitor.PromQL.Parsing;

/// <summary>
/// A query that does not parse or type-check. The message reads as Prometheus's does:
/// <c>1:5: parse error: unexpected ...</c> (line and column of the offending character, both from 1).
/// </summary>
public sealed class ParseException : PromQLException
{
    public ParseException(string query, int position, string reason)
        : base(BadData, Format(query, position, reason))
    {
        Position = position;
        Reason = reason;
        (Line, Column) = LineAndColumn(query, position);
    }

    /// <summary>The character offset of the error in the query.</summary>
    public int Position { get; }

    public int Line { get; }

    public int Column { get; }

    public string Reason { get; }

    private static string Format(string query, int position, string reason)
    {
        var (line, column) = LineAndColumn(query, position);
        return $"{line}:{column}: parse error: {reason}";
    }

    private static (int Line, int Column) LineAndColumn(string query, int position)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < Math.Min(position, query.Length); i++)
        {
            if (query[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, position - lineStart + 1);
    }
}

using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Parsing;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>The <c>match[]</c> parameters of the series, labels and label values endpoints: each a series selector.</summary>
public static class MatchSelectors
{
    /// <summary>The matchers of every selector, or the parse error in Prometheus's words.</summary>
    public static bool TryParse(IReadOnlyList<string> texts, out List<IReadOnlyList<LabelMatcher>> selectors, out string error)
    {
        (selectors, error) = ([], "");
        foreach (var text in texts)
        {
            try
            {
                var expr = PromQLParser.Parse(text);
                while (expr is ParenExpr paren)
                {
                    expr = paren.Inner;
                }
                if (expr is not VectorSelector selector)
                {
                    error = "1:1: parse error: expected a series selector such as up{job=\"api\"}";
                    return false;
                }
                selectors.Add(selector.Matchers);
            }
            catch (ParseException parse) when (parse.Reason.Contains("at least one non-empty matcher", StringComparison.Ordinal))
            {
                error = "match[] must contain at least one non-empty matcher";
                return false;
            }
            catch (ParseException parse)
            {
                error = parse.Message;
                return false;
            }
        }
        return true;
    }
}

using System.Globalization;
using PerfMonitor.PromQL;
using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Parsing;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.Alerting.Slos;

/// <summary>
/// The series selectors an indicator is made of, checked with PromQL's own parser: each must be a plain instant selector
/// (a latency histogram's with a metric name), so it can sit inside <c>rate(...[window])</c>.
/// </summary>
public static class SloSelectors
{
    /// <summary>Null when the text is a plain series selector, else why not.</summary>
    public static string? Check(string? text, bool needsName)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "is required: a series selector such as http_requests_total{service=\"shop\"}";
        }
        try
        {
            return PromQLParser.Parse(text) switch
            {
                VectorSelector { OffsetMs: not 0 } or VectorSelector { At: not null } => "must not use offset or @",
                VectorSelector { Name: null } when needsName => "must name the histogram's metric, such as http_server_request_duration{service=\"shop\"}",
                VectorSelector => null,
                _ => "must be a series selector (a metric name and {label matchers}), not an expression",
            };
        }
        catch (PromQLException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The good and the total events' selectors, printed canonically.</summary>
    public static (string Good, string Total) GoodAndTotal(SloIndicator indicator)
    {
        if (indicator.Kind == SloIndicatorKind.Ratio)
        {
            return (ExprPrinter.Print(Parse(indicator.Good)), ExprPrinter.Print(Parse(indicator.Total)));
        }
        var histogram = Parse(indicator.Histogram);
        var bound = new LabelMatcher("le", LabelMatchType.Equal, Bound(indicator.Threshold));
        return (ExprPrinter.Print(Renamed(histogram, "_bucket", bound)), ExprPrinter.Print(Renamed(histogram, "_count", null)));
    }

    /// <summary>An <c>le</c> value as Prometheus and the collector write it: the shortest text that round-trips.</summary>
    public static string Bound(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static VectorSelector Parse(string text) => (VectorSelector)PromQLParser.Parse(text);

    private static VectorSelector Renamed(VectorSelector histogram, string suffix, LabelMatcher? extra)
    {
        var name = histogram.Name + suffix;
        var matchers = histogram.Matchers.Where(m => m.Name != LabelSet.MetricName && m.Name != "le")
            .Prepend(new LabelMatcher(LabelSet.MetricName, LabelMatchType.Equal, name));
        return histogram with { Name = name, Matchers = [.. extra is null ? matchers : matchers.Append(extra)] };
    }
}

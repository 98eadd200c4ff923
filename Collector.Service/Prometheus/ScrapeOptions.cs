using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace PerfMonitor.Collector.Prometheus;

/// <summary>
/// Prometheus /metrics targets to scrape, e.g. <c>Scrape__Targets__0__Url=http://db1:9100/metrics</c>,
/// <c>Scrape__Targets__0__Job=node</c>. No targets, no scraping.
/// </summary>
public sealed partial class ScrapeOptions : IValidatableObject
{
    public const string Section = "Scrape";

    public List<ScrapeTarget> Targets { get; set; } = [];

    /// <summary>Used by targets that set no interval of their own.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DefaultInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one scrape may take, body included, before the target counts as down.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest page a scrape reads; a longer (or endless) one makes the target down for that scrape.</summary>
    [Range(1024, 1L << 30)]
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Targets.Count; i++)
        {
            var target = Targets[i];
            if (!Uri.TryCreate(target.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return new($"Scrape:Targets:{i}:Url '{target.Url}' must be an absolute http(s) URL.", [nameof(Targets)]);
            }
            if (target.Interval is { } interval && interval < TimeSpan.FromSeconds(1))
            {
                yield return new($"Scrape:Targets:{i}:Interval must be at least 1 second.", [nameof(Targets)]);
            }
            if (string.IsNullOrWhiteSpace(target.Job))
            {
                yield return new($"Scrape:Targets:{i}:Job must not be empty.", [nameof(Targets)]);
            }
            // A bad label name would get every sample of the target refused, scrape after scrape: fail at start instead.
            foreach (var name in target.Labels.Keys.Where(name => !LabelName().IsMatch(name)))
            {
                yield return new($"Scrape:Targets:{i}:Labels:{name} is not a label name ([a-zA-Z_][a-zA-Z0-9_]*).", [nameof(Targets)]);
            }
        }
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}

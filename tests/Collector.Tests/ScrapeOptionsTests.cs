using System.ComponentModel.DataAnnotations;
using PerfMonitor.Collector.Prometheus;

namespace PerfMonitor.Collector.Tests;

public sealed class ScrapeOptionsTests
{
    [Fact]
    public void Targets_with_a_relative_url_or_a_bad_label_name_fail_validation_naming_the_setting()
    {
        var options = new ScrapeOptions
        {
            Targets =
            {
                new ScrapeTarget { Url = "http://db1:9100/metrics", Job = "node", Labels = { ["env"] = "prod" } },
                new ScrapeTarget { Url = "/metrics", Job = "x" },
                new ScrapeTarget { Url = "http://a/metrics", Labels = { ["bad-name"] = "1" } },
            },
        };

        var errors = options.Validate(new ValidationContext(options)).Select(e => e.ErrorMessage).ToList();

        Assert.Equal(2, errors.Count);
        Assert.Contains("Scrape:Targets:1:Url", errors[0]);
        Assert.Contains("Scrape:Targets:2:Labels:bad-name", errors[1]);
    }
}

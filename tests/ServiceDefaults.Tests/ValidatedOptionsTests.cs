using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PerfMonitor.ServiceDefaults.Tests;

/// <summary>Issue 14 item 3: every option chain is one AddValidatedOptions call that binds, validates and fails at start.</summary>
public sealed class ValidatedOptionsTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_value_out_of_range_stops_the_host_at_start_naming_the_setting()
    {
        using var host = Build(new() { ["Sample:Interval"] = "0" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Interval", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_rule_across_settings_and_a_chained_rule_are_both_checked_at_start()
    {
        using var across = Build(new() { ["Sample:Low"] = "9", ["Sample:High"] = "3" });
        using var chained = Build(new() { ["Sample:Interval"] = "13" });

        var acrossError = await Assert.ThrowsAsync<OptionsValidationException>(() => across.StartAsync());
        var chainedError = await Assert.ThrowsAsync<OptionsValidationException>(() => chained.StartAsync());

        Assert.Contains("Sample:Low", acrossError.Message, StringComparison.Ordinal);
        Assert.Contains("Sample:Interval must be even", chainedError.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Bound_values_reach_the_options_and_the_defaults_start()
    {
        using var configured = Build(new() { ["Sample:Interval"] = "20" });
        using var defaults = Build([]);

        await configured.StartAsync();
        await defaults.StartAsync();

        Assert.Equal(20, configured.Services.GetRequiredService<IOptions<SampleOptions>>().Value.Interval);
        Assert.Equal(10, defaults.Services.GetRequiredService<IOptions<SampleOptions>>().Value.Interval);
        await configured.StopAsync();
        await defaults.StopAsync();
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddValidatedOptions<SampleOptions>("Sample")
            .Validate(o => o.Interval % 2 == 0, "Sample:Interval must be even");
        return builder.Build();
    }

    public sealed class SampleOptions : IValidatableObject
    {
        [Range(1, 100)]
        public int Interval { get; set; } = 10;

        public int Low { get; set; } = 1;

        public int High { get; set; } = 5;

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Low > High)
            {
                yield return new ValidationResult("Sample:Low must not exceed Sample:High.", [nameof(Low)]);
            }
        }
    }
}

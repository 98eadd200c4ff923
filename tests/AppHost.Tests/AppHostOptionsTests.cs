using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace PerfMonitor.AppHost.Tests;

public sealed class AppHostOptionsTests
{
    [Fact]
    public void Defaults_run_out_of_the_box_with_the_gateway_on_5100_and_5101()
    {
        var options = AppHostOptions.Load(new ConfigurationBuilder().Build());

        Assert.Equal((5100, 5101), (options.GatewayHttpPort, options.GatewayGrpcPort));
        Assert.True(options.AllowPrivateWebhookTargets);
        Assert.Equal(32, options.KafkaPartitions);
        Assert.EndsWith(".data", options.ResolveDataDirectory("/repo/AppHost"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_setting_stops_the_AppHost_at_start_naming_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AppHost:GatewayHttpPort"] = "70000",
            ["AppHost:KafkaPartitions"] = "0",
        }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => AppHostOptions.Load(configuration));

        Assert.Contains("AppHost:GatewayHttpPort", error.Message, StringComparison.Ordinal);
        Assert.Contains("AppHost:KafkaPartitions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reader_set_in_the_environment_is_added_to_the_topic_s_default_readers()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AppHost:KafkaTopicReaders:perfmon.samples.v1:2"] = "my-group",
        }).Build();

        var options = AppHostOptions.Load(configuration);

        Assert.Equal(["analytics", "alerting", "my-group"], options.KafkaTopicReaders["perfmon.samples.v1"]);
        Assert.Equal(["alerting.events"], options.KafkaTopicReaders["perfmon.events.v1"]);
    }
}

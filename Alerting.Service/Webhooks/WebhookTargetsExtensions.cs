namespace PerfMonitor.Alerting.Webhooks;

public static class WebhookTargetsExtensions
{
    /// <summary>The address policy and the two checks that apply it: at save time and at connect time.</summary>
    public static IHostApplicationBuilder AddWebhookTargets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<WebhookTargetOptions>(WebhookTargetOptions.Section);
        builder.Services.AddSingleton<IHostResolver, DnsHostResolver>();
        builder.Services.AddSingleton<WebhookAddressPolicy>();
        builder.Services.AddSingleton<WebhookTargetGuard>();
        builder.Services.AddSingleton<GuardedConnector>();
        return builder;
    }
}

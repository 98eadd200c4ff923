using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.Delivery;

public static class DeliveryExtensions
{
    /// <summary>Draining the outbox: leases, webhooks through a Polly pipeline per receiver, the delivery log and its retention.</summary>
    public static IHostApplicationBuilder AddDelivery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<DeliveryOptions>(DeliveryOptions.Section);
        builder.Services.AddSingleton<DeliveryMetrics>();
        builder.Services.AddSingleton<NotificationOutbox>();
        builder.Services.AddSingleton<NotificationLog>();
        builder.Services.AddSingleton<ReceiverPipelines>();
        builder.Services.AddSingleton<WebhookClient>();
        builder.Services.AddSingleton<EmailClient>();
        builder.Services.AddSingleton<NotificationSender>();
        builder.Services.AddSingleton<DeliveryDecider>();
        builder.Services.AddSingleton<OutboxLeases>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxLeases>());
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxDispatcher>());
        builder.Services.AddSingleton<IOutboxHandOver>(sp => sp.GetRequiredService<OutboxDispatcher>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        builder.Services.AddHostedService<NotificationRetention>();
        return builder;
    }
}

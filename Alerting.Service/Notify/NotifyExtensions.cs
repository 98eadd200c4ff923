using PerfMonitor.Alerting.Evaluation;

namespace PerfMonitor.Alerting.Notify;

public static class NotifyExtensions
{
    /// <summary>
    /// The notify pipeline after evaluation (mute, dedup and repeat, outbox) and the payloads it renders. Its last stage,
    /// the <see cref="ICommitStage"/>, and the <see cref="IOutboxSignal"/> come from the stages after it.
    /// </summary>
    public static IHostApplicationBuilder AddNotifyPipeline(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<PayloadOptions>(PayloadOptions.Section);
        builder.Services.AddSingleton<PayloadBuilder>();
        builder.Services.AddSingleton<NotificationFactory>();
        builder.Services.AddSingleton<MuteStage>();
        builder.Services.AddSingleton<DedupStage>();
        builder.Services.AddSingleton<OutboxStage>();
        builder.Services.AddSingleton<IAlertChangeSink, NotifyPipeline>();
        return builder;
    }
}

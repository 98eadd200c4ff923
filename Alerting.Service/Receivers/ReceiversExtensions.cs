using PerfMonitor.Alerting.Receivers.Templates;

namespace PerfMonitor.Alerting.Receivers;

public static class ReceiversExtensions
{
    /// <summary>Named receivers: their store (secrets encrypted with the key ring), validation, commands and templates.</summary>
    public static IHostApplicationBuilder AddReceivers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationTemplateOptions>().BindConfiguration(NotificationTemplateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TemplateEngine>();
        builder.Services.AddSingleton<ReceiverSecretProtector>();
        builder.Services.AddSingleton<ReceiverStore>();
        builder.Services.AddSingleton<ReceiverValidator>();
        builder.Services.AddSingleton<ReceiverCommands>();
        return builder;
    }
}

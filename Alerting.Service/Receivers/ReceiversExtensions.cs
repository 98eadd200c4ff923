namespace PerfMonitor.Alerting.Receivers;

public static class ReceiversExtensions
{
    /// <summary>Named receivers: their store (secrets encrypted with the key ring), validation and commands.</summary>
    public static IHostApplicationBuilder AddReceivers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReceiverSecretProtector>();
        builder.Services.AddSingleton<ReceiverStore>();
        builder.Services.AddSingleton<ReceiverValidator>();
        builder.Services.AddSingleton<ReceiverCommands>();
        return builder;
    }
}

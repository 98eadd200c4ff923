namespace PerfMonitor.Alerting.Acknowledgement;

public static class AcknowledgementExtensions
{
    /// <summary>Acknowledging alerts (API, gRPC, signed links) and the set of acknowledged firings the notify pipeline asks.</summary>
    public static IHostApplicationBuilder AddAcknowledgements(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AcknowledgeOptions>(AcknowledgeOptions.Section);
        builder.Services.AddSingleton<AlertLookup>();
        builder.Services.AddSingleton<AlertAcknowledger>();
        builder.Services.AddSingleton<AcknowledgeLinks>();
        builder.Services.AddSingleton<AcknowledgedAlerts>();
        builder.Services.AddSingleton<Notify.IAcknowledgedFirings>(sp => sp.GetRequiredService<AcknowledgedAlerts>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AcknowledgedAlerts>());
        return builder;
    }
}

namespace PerfMonitor.Alerting.Silences;

public static class SilencesExtensions
{
    /// <summary>Silences in PostgreSQL and the cache the notify pipeline mutes by.</summary>
    public static IHostApplicationBuilder AddSilences(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SilenceStore>();
        builder.Services.AddSingleton<SilenceCache>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SilenceCache>());
        return builder;
    }
}

namespace PerfMonitor.AppHost;

public static class OrchestrationExtensions
{
    public static void AddOrchestration(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AppHostOptions>()
            .BindConfiguration(AppHostOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var resourcesUrl = builder.Configuration[$"{AppHostOptions.Section}:{nameof(AppHostOptions.ResourcesUrl)}"] ?? new AppHostOptions().ResourcesUrl;
        builder.WebHost.UseUrls(resourcesUrl);
        // Services get up to 15 s each to stop gracefully, then PostgreSQL stops.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMinutes(2));
        builder.Services.AddSingleton<SystemState>();
        builder.Services.AddHostedService<Orchestrator>();
    }
}

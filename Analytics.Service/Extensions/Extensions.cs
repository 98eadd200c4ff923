using PerfMonitor.Analytics.Queries;
using PerfMonitor.Analytics.Rollups;

namespace PerfMonitor.Analytics.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddMetricsDb(typeof(Extensions).Assembly, "analytics");
        builder.AddKafka();
        builder.Services.AddProblemDetails();

        builder.Services.AddOptions<RollupOptions>()
            .BindConfiguration(RollupOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<OffsetStore>();
        builder.Services.AddSingleton<RollupWriter>();
        builder.Services.AddSingleton<RollupMetrics>();
        builder.Services.AddHostedService<RollupConsumer>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RollupQueries>();
    }
}

using PerfMonitor.Analytics.Health;
using PerfMonitor.Analytics.Anomalies;
using PerfMonitor.Analytics.Retention;
using PerfMonitor.Analytics.Rollups;

namespace PerfMonitor.Analytics.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddMetricsDb(typeof(Extensions).Assembly, "analytics");
        builder.AddKafka();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddQueryApi();

        builder.Services.AddOptions<RollupOptions>()
            .BindConfiguration(RollupOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<OffsetStore>();
        builder.Services.AddSingleton<RollupWriter>();
        builder.Services.AddSingleton<RollupMetrics>();
        builder.Services.AddSingleton<RollupSessions>();
        builder.Services.AddHostedService<RollupConsumer>();
        builder.Services.AddOptions<HourlyRollupOptions>()
            .BindConfiguration(HourlyRollupOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<HourlyRollupJob>();
        builder.Services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.FiveMinutes >= o.Minutes, "Retention:FiveMinutes must not be shorter than Retention:Minutes")
            .ValidateOnStart();
        builder.Services.AddHostedService<RetentionJob>();

        builder.Services.AddOptions<AnomalyOptions>()
            .BindConfiguration(AnomalyOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.K <= o.N, "Anomalies:K must not exceed Anomalies:N")
            .ValidateOnStart();
        builder.Services.AddSingleton<AnomalyStore>();
        builder.Services.AddSingleton<AnomalyReporter>();
        builder.Services.AddSingleton<AnomalyScan>();
        builder.Services.AddSingleton<EventPublisher>();
        builder.Services.AddHostedService<AnomalyDetectionService>();

        builder.Services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.ErrorRateBad > o.ErrorRateGood && o.SaturationBadPercent > o.SaturationGoodPercent && o.StaleAfter > o.FreshWithin,
                "Health: each 'bad' bound must lie beyond its 'good' bound")
            .ValidateOnStart();
        builder.Services.AddSingleton<HealthScorer>();
        builder.Services.AddHostedService<HealthScoreJob>();
    }
}

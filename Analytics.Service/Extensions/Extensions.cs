using PerfMonitor.Analytics.Anomalies;
using PerfMonitor.Analytics.Health;
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

        builder.Services.AddValidatedOptions<RollupOptions>(RollupOptions.Section);
        builder.Services.AddSingleton<OffsetStore>();
        builder.Services.AddSingleton<RollupWriter>();
        builder.Services.AddSingleton<RollupMetrics>();
        builder.Services.AddSingleton<RollupSessions>();
        builder.Services.AddHostedService<RollupConsumer>();
        builder.Services.AddValidatedOptions<HourlyRollupOptions>(HourlyRollupOptions.Section);
        builder.Services.AddHostedService<HourlyRollupJob>();
        builder.Services.AddValidatedOptions<RetentionOptions>(RetentionOptions.Section)
            .Validate(o => o.FiveMinutes >= o.Minutes, "Retention:FiveMinutes must not be shorter than Retention:Minutes");
        builder.Services.AddHostedService<RetentionJob>();

        builder.Services.AddValidatedOptions<AnomalyOptions>(AnomalyOptions.Section)
            .Validate(o => o.K <= o.N, "Anomalies:K must not exceed Anomalies:N");
        builder.Services.AddSingleton<AnomalyStore>();
        builder.Services.AddSingleton<AnomalyReporter>();
        builder.Services.AddSingleton<AnomalyScan>();
        builder.Services.AddSingleton<EventPublisher>();
        builder.Services.AddHostedService<AnomalyDetectionService>();

        builder.Services.AddValidatedOptions<HealthOptions>(HealthOptions.Section)
            .Validate(o => o.ErrorRateBad > o.ErrorRateGood && o.SaturationBadPercent > o.SaturationGoodPercent && o.StaleAfter > o.FreshWithin,
                "Health: each 'bad' bound must lie beyond its 'good' bound");
        builder.Services.AddSingleton<HealthScorer>();
        builder.Services.AddHostedService<HealthScoreJob>();
    }
}

namespace PerfMonitor.Alerting.Evaluation;

public static class EvaluationExtensions
{
    /// <summary>
    /// The evaluate stage: Kafka in, the state machine of every alert instance, timers. What it changes goes to the
    /// <see cref="IAlertChangeSink"/> and it rebuilds from the <see cref="IStoredAlerts"/> registered by later stages.
    /// </summary>
    public static IHostApplicationBuilder AddEvaluation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AlertingOptions>(AlertingOptions.Section);
        builder.Services.AddSingleton<EvaluationMetrics>();
        builder.Services.AddSingleton<SampleRules>();
        builder.Services.AddSingleton<AlertInstances>();
        builder.Services.AddSingleton<GroupForwarder>();
        builder.Services.AddSingleton<SampleEvaluator>();
        builder.Services.AddSingleton<ExprResults>();
        builder.Services.AddSingleton<EventEvaluator>();
        builder.Services.AddSingleton<AlertTimers>();
        builder.Services.AddSingleton<AlertRebuild>();
        builder.Services.AddSingleton<AlertEngine>();
        // One per consumer: it holds the replay cutoffs of that consumer's partitions.
        builder.Services.AddTransient<ReplayCutoffs>();
        builder.Services.AddSingleton<StreamEvaluator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StreamEvaluator>());
        builder.Services.AddSingleton<EventStreamConsumer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventStreamConsumer>());
        builder.Services.AddSingleton<GroupedSampleConsumer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GroupedSampleConsumer>());
        builder.Services.AddHostedService<AlertTicker>();
        builder.Services.AddHealthChecks().AddCheck<EvaluatorReadinessCheck>("evaluator", tags: ["ready"]);
        return builder;
    }
}

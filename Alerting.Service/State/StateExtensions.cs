using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.State;

public static class StateExtensions
{
    /// <summary>Alert instances in PostgreSQL: the commit stage that ends the pipeline, the states a rebuild starts from, and the API's reads.</summary>
    public static IHostApplicationBuilder AddAlertState(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AlertStore>();
        builder.Services.AddSingleton<IStoredAlerts>(sp => sp.GetRequiredService<AlertStore>());
        builder.Services.AddSingleton<AlertQueries>();
        builder.Services.AddSingleton<ICommitStage, CommitStage>();
        return builder;
    }
}

namespace PerfMonitor.Alerting.RuleFiles;

public static class RuleFilesExtensions
{
    /// <summary>Import of Prometheus rule files as expr rules.</summary>
    public static IHostApplicationBuilder AddRuleFiles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RuleFileImport>();
        return builder;
    }
}

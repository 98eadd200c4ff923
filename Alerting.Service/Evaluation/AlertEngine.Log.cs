namespace PerfMonitor.Alerting.Evaluation;

/// <summary>What the engine logs, kept apart from what it does.</summary>
public sealed partial class AlertEngine
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a perfmon.samples.v1 record of {Length} bytes that is not a well-formed sample batch")]
    private partial void LogBadRecord(Exception exception, int length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt {Count} alert instances from PostgreSQL ({Firing} firing)")]
    private partial void LogRebuilt(int count, int firing);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {RuleId} series {SeriesId}: {From} -> {To} at {Value} (silenced: {Silenced})")]
    private partial void LogStateChanged(Guid ruleId, long seriesId, string from, string to, double value, bool silenced);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {RuleId} series {SeriesId} was changed by another replica first; now {State}")]
    private partial void LogLostRace(Guid ruleId, long seriesId, string state);
}

using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.RuleFiles;

/// <summary>The expr rules a rule file created or replaced, and the recording rules it held, which are not imported.</summary>
public sealed record RuleFileImportResult(IReadOnlyList<AlertRuleView> Rules, IReadOnlyList<string> SkippedRecordingRules);

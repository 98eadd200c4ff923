namespace PerfMonitor.Alerting.Grouping;

/// <summary>The planner's decision for one group: send this notice now (or only record it when the receiver wants no resolved notices), and keep or forget the state.</summary>
public sealed record GroupFlush(GroupState State, GroupNotice? Notice, bool Forget);

namespace PerfMonitor.Alerting.Slos;

/// <summary>
/// One of the multi-window pairs: the budget burns faster than <see cref="Factor"/> over both the long window (it burned
/// long enough to matter) and the short one (it is still burning, so the alert resolves soon after the burn stops).
/// </summary>
public sealed record BurnRateWindow(TimeSpan Long, TimeSpan Short, double Factor);

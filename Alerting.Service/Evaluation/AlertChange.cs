namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// One evaluation of one alert instance, as the next stage sees it: the instance, what it was before (<see cref="Before"/>,
/// what PostgreSQL holds unless an earlier change of the same batch moved it), and whether its state moved.
/// </summary>
public readonly record struct AlertChange(AlertInstance Instance, AlertSnapshot Before, bool Changed, DateTimeOffset Now);

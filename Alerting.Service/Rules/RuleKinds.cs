namespace PerfMonitor.Alerting.Rules;

public static class RuleKinds
{
    public const string Threshold = "threshold";
    public const string Anomaly = "anomaly";
    public const string Health = "health";
    public const string Absence = "absence";

    public static readonly string[] All = [Threshold, Anomaly, Health, Absence];
}

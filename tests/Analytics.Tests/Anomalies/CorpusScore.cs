namespace PerfMonitor.Analytics.Tests.Anomalies;

/// <summary>Detection quality for one class and sensitivity.</summary>
public sealed record CorpusScore(string Class, string Sensitivity, int Incidents, int Detected, int Episodes, int TruePositives, double Days, double MeanDelayMinutes)
{
    public double? Recall => Incidents == 0 ? null : (double)Detected / Incidents;

    public double? Precision => Episodes == 0 ? null : (double)TruePositives / Episodes;

    public double FalsePositivesPerDay => (Episodes - TruePositives) / Days;
}

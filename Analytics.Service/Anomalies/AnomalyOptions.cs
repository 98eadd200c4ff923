using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Analytics.Anomalies;

public sealed class AnomalyOptions
{
    public const string Section = "Anomalies";

    public bool Enabled { get; set; } = true;

    /// <summary>How often closed minutes are fed to the detectors.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one run may take; a new leader's first run reads the whole warm-up, so it gets longer than the interval.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan RunTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public Sensitivity Sensitivity { get; set; } = Sensitivity.Medium;

    [Range(10, 1440)]
    public int Window { get; set; } = 60;

    [Range(5, 1440)]
    public int MinPoints { get; set; } = 30;

    [Range(1, 60)]
    public int K { get; set; } = 2;

    [Range(1, 60)]
    public int N { get; set; } = 3;

    /// <summary>Minutes replayed through the detectors at start-up, before anything is reported.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan Warmup { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Detector state is kept for at most this many series (memory bound); more are counted, not watched.</summary>
    [Range(1, 10_000_000)]
    public int MaxSeries { get; set; } = 100_000;

    public DetectorConfig ToConfig() => new(Sensitivity, Window, MinPoints, K, N);
}

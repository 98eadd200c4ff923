namespace PerfMonitor.Analytics.Tests.Anomalies;

/// <summary>
/// The labelled corpus: per class, seeded series of one-minute points (level 100, noise sigma 5 unless said).
/// Incidents start after the detector's warm-up; seasonal classes run five days so the daily profile is in use,
/// drifts four days with the drift on the third.
/// </summary>
public static class AnomalyCorpus
{
    public const int SeriesPerClass = 12;

    public static readonly string[] Classes = ["spikes", "level_shifts", "drifts", "variance_changes", "seasonal_incidents", "seasonal_none", "noisy_none"];

    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static IEnumerable<LabelledSeries> All() => Classes.SelectMany(c => Enumerable.Range(0, SeriesPerClass).Select(i => Generate(c, i)));

    public static LabelledSeries Generate(string kind, int index)
    {
        // HashCode.Combine is seeded per process, so it made a different corpus on every run; the corpus must be fixed.
        var random = new Random((((kind.Length * 31) + kind[0]) * 31 + kind[^1]) * 1_000 + index);
        var seasonal = kind.StartsWith("seasonal", StringComparison.Ordinal);
        // Drifts run four days: a drift is told from a daily cycle only once two days of history exist.
        var minutes = seasonal ? 5 * 1440 : kind == "drifts" ? 4 * 1440 : 1440;
        var values = new double[minutes];
        for (var t = 0; t < minutes; t++)
        {
            var daily = seasonal ? 50 * Math.Sin(2 * Math.PI * t / 1440.0) : 0;
            var sigma = kind == "noisy_none" ? 20 : 5;
            values[t] = 100 + daily + (sigma * Gaussian(random));
        }
        var incidents = new List<(int Start, int End)>();
        switch (kind)
        {
            case "spikes":
                foreach (var at in Spread(random, 5, 120, minutes - 10))
                {
                    values[at] += (random.Next(2) == 0 ? 1 : -1) * 5 * random.Next(8, 16);
                    incidents.Add((at, at + 1));
                }
                break;
            case "level_shifts":
                {
                    var at = random.Next(300, minutes - 300);
                    var shift = (random.Next(2) == 0 ? 1 : -1) * 5 * random.Next(6, 11);
                    for (var t = at; t < minutes; t++)
                    {
                        values[t] += shift;
                    }
                    incidents.Add((at, at + 30));
                    break;
                }
            case "drifts":
                {
                    var at = random.Next(2 * 1440 + 300, minutes - 500);
                    const int length = 360;
                    for (var t = at; t < minutes; t++)
                    {
                        values[t] += 75.0 * Math.Min(1, (t - at) / (double)length);
                    }
                    incidents.Add((at, at + length + 60));
                    break;
                }
            case "variance_changes":
                {
                    var at = random.Next(300, minutes - 300);
                    for (var t = at; t < at + 120; t++)
                    {
                        values[t] = 100 + ((values[t] - 100) * 5);
                    }
                    incidents.Add((at, at + 120));
                    break;
                }
            case "seasonal_incidents":
                foreach (var at in Spread(random, 3, 3 * 1440, minutes - 60))
                {
                    var length = random.Next(2) == 0 ? 1 : 30;
                    for (var t = at; t < at + length; t++)
                    {
                        values[t] += 5 * random.Next(8, 12);
                    }
                    incidents.Add((at, at + length));
                }
                break;
        }
        return new LabelledSeries(kind,
            values.Select((v, t) => (Start.AddMinutes(t), v)).ToList(),
            incidents.Select(i => (Start.AddMinutes(i.Start), Start.AddMinutes(i.End))).ToList());
    }

    private static IEnumerable<int> Spread(Random random, int count, int from, int to)
    {
        var slot = (to - from) / count;
        return Enumerable.Range(0, count).Select(i => from + (i * slot) + random.Next(slot / 2));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

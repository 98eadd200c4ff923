using System.Globalization;
using System.Text;
using PerfMonitor.Analytics.Anomalies;
using Xunit.Abstractions;

namespace PerfMonitor.Analytics.Tests.Anomalies;

public sealed class AnomalyCorpusTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<CorpusScore>> Scores = new(() =>
    {
        var corpus = AnomalyCorpus.All().GroupBy(s => s.Class).ToDictionary(g => g.Key, g => (IReadOnlyList<LabelledSeries>)g.ToList());
        return AnomalyCorpus.Classes
            .SelectMany(c => Enum.GetValues<Sensitivity>().Select(s => CorpusEvaluator.Evaluate(c, corpus[c], new DetectorConfig(s))))
            .ToList();
    });

    [Fact]
    public void Detection_quality_on_the_labelled_corpus_holds_its_measured_floor()
    {
        var scores = Scores.Value;
        var table = Table(scores);
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("ANOMALY_REPORT") is { Length: > 0 } path)
        {
            File.WriteAllText(path, table);
        }

        CorpusScore Score(string kind, string sensitivity) => scores.Single(s => s.Class == kind && s.Sensitivity == sensitivity);
        Assert.True(Score("spikes", "medium").Recall >= 0.9, table);
        Assert.True(Score("level_shifts", "medium").Recall >= 0.9, table);
        Assert.True(Score("seasonal_incidents", "medium").Recall >= 0.8, table);
        Assert.True(Score("noisy_none", "medium").FalsePositivesPerDay <= 1, table);
        Assert.True(Score("seasonal_none", "medium").FalsePositivesPerDay <= 1, table);
        Assert.True(Score("spikes", "medium").Precision >= 0.8, table);
    }

    [Fact]
    public void Higher_sensitivity_never_finds_fewer_incidents()
    {
        foreach (var kind in AnomalyCorpus.Classes)
        {
            var bySensitivity = Scores.Value.Where(s => s.Class == kind).ToDictionary(s => s.Sensitivity);
            Assert.True(bySensitivity["high"].Detected >= bySensitivity["medium"].Detected, kind);
            Assert.True(bySensitivity["medium"].Detected >= bySensitivity["low"].Detected, kind);
        }
    }

    public static string Table(IEnumerable<CorpusScore> scores)
    {
        static string F(double? value, string format) => value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
        var text = new StringBuilder();
        text.AppendLine("| class | sensitivity | incidents | detected | recall | episodes | precision | mean delay (min) | false positives / day |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in scores)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {s.Class} | {s.Sensitivity} | {s.Incidents} | {s.Detected} | {F(s.Recall, "0.00")} | {s.Episodes} | {F(s.Precision, "0.00")} | {F(s.MeanDelayMinutes, "0.0")} | {F(s.FalsePositivesPerDay, "0.00")} |");
        }
        return text.ToString();
    }
}

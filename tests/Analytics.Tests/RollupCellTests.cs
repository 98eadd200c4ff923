using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Analytics.Sketches;

namespace PerfMonitor.Analytics.Tests;

/// <summary>A cell keeps its first values unsketched and its own sketch past them: either way its sketch is every value's.</summary>
public sealed class RollupCellTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(RollupCell.MaxKeptValues)]
    [InlineData(RollupCell.MaxKeptValues + 1)]
    [InlineData(1_000)]
    public void A_cell_sketches_exactly_the_values_it_was_given(int count)
    {
        var random = new Random(count);
        var values = Enumerable.Range(0, count).Select(_ => (random.NextDouble() - 0.2) * Math.Exp(random.NextDouble() * 9)).ToList();
        var cell = new RollupCell(0, 0);
        foreach (var (value, i) in values.Select((v, i) => (v, i)))
        {
            cell.Add(value, i);
        }

        var expected = DDSketch.FromValues(values).Serialize();
        Assert.Equal(expected, cell.ToSketch().Serialize());
        var earlier = DDSketch.FromValues([0.5, 3, -2]);
        cell.AddTo(earlier);
        Assert.Equal(DDSketch.FromValues([0.5, 3, -2, .. values]).Serialize(), earlier.Serialize());
        Assert.Equal(count, cell.Count);
    }
}

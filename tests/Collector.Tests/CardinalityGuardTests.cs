using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Tests;

public sealed class CardinalityGuardTests
{
    [Fact]
    public void Series_beyond_the_limit_are_refused_with_the_reason_while_known_ones_keep_flowing()
    {
        var guard = new CardinalityGuard(Options.Create(new IngestOptions { MaxSeriesPerMetric = 2 }));

        Assert.Null(guard.Admit(0, Sample("requests", 1)));
        Assert.Null(guard.Admit(1, Sample("requests", 2)));
        var refusal = guard.Admit(2, Sample("requests", 3));
        Assert.Null(guard.Admit(3, Sample("requests", 1)));
        Assert.Null(guard.Admit(4, Sample("other_metric", 3)));

        Assert.NotNull(refusal);
        Assert.Equal(2, refusal.Index);
        Assert.Equal("metric requests has reached its limit of 2 series; this label set would add another", refusal.Reason);
        Assert.Equal(2, guard.SeriesOf("requests"));
    }

    private static Sample Sample(string metric, ulong seriesId) => new() { Metric = metric, SeriesId = seriesId };
}

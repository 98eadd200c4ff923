using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Tests;

public sealed class CardinalityGuardTests
{
    [Fact]
    public void Series_beyond_the_limit_are_refused_with_the_reason_and_counted_while_known_ones_keep_flowing()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new IngestMetrics(services.GetRequiredService<IMeterFactory>());
        var refusedByReason = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IngestMetrics.MeterName && instrument.Name == "perfmon.collector.samples.rejected")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var reason = (string)tags.ToArray().Single(t => t.Key == "reason").Value!;
            refusedByReason[reason] = refusedByReason.GetValueOrDefault(reason) + value;
        });
        listener.Start();
        var guard = new CardinalityGuard(Options.Create(new IngestOptions { MaxSeriesPerMetric = 2 }), metrics);

        Assert.Null(guard.Admit(0, Sample("requests", 1)));
        Assert.Null(guard.Admit(1, Sample("requests", 2)));
        var refusal = guard.Admit(2, Sample("requests", 3));
        Assert.Null(guard.Admit(3, Sample("requests", 1)));
        Assert.Null(guard.Admit(4, Sample("other_metric", 3)));

        Assert.NotNull(refusal);
        Assert.Equal(2, refusal.Index);
        Assert.Equal("metric requests has reached its limit of 2 series; this label set would add another", refusal.Reason);
        Assert.Equal(2, guard.SeriesOf("requests"));
        Assert.Equal(1, refusedByReason[IngestMetrics.CardinalityReason]);
    }

    [Fact]
    public void A_series_id_admitted_under_one_metric_still_counts_against_another_metric_that_shares_it()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var guard = new CardinalityGuard(Options.Create(new IngestOptions { MaxSeriesPerMetric = 1 }), new IngestMetrics(services.GetRequiredService<IMeterFactory>()));

        Assert.Null(guard.Admit(0, Sample("first", 7)));
        Assert.Null(guard.Admit(1, Sample("second", 8)));
        var refusal = guard.Admit(2, Sample("second", 7));

        Assert.NotNull(refusal);
        Assert.Equal(1, guard.SeriesOf("second"));
    }

    private static Sample Sample(string metric, ulong seriesId) => new() { Metric = metric, SeriesId = seriesId };
}

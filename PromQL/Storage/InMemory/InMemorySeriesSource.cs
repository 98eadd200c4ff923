using PerfMonitor.PromQL.Model;

namespace PerfMonitor.PromQL.Storage.InMemory;

/// <summary>
/// Serves raw samples held in memory, raw (resolution 0) or downsampled into buckets of the given widths with
/// <see cref="BucketBuilder"/>, the same math the rollups use. Buckets are aligned to multiples of their width
/// since the Unix epoch, as the rollup tables' minute, five-minute and hour rows are.
/// </summary>
public sealed class InMemorySeriesSource : ISeriesSource
{
    private readonly IReadOnlyList<RawSeries> series;
    private readonly Dictionary<long, PointColumns[]> byResolution = [];

    public InMemorySeriesSource(IEnumerable<RawSeries> series, IReadOnlyList<long> resolutionsMs, IQuantileSketchFactory? sketches = null)
    {
        this.series = series.ToList();
        ResolutionsMs = resolutionsMs.Order().ToList();
        if (ResolutionsMs.Count == 0 || ResolutionsMs[0] < 0)
        {
            throw new ArgumentException("at least one resolution, none negative", nameof(resolutionsMs));
        }
        var factory = sketches ?? ExactQuantileSketchFactory.Instance;
        foreach (var resolution in ResolutionsMs)
        {
            byResolution[resolution] = this.series
                .Select(s => resolution == 0 ? PointColumns.Raw(s.TimesMs, s.Values, s.Length) : Downsample(s, resolution, factory))
                .ToArray();
        }
    }

    public IReadOnlyList<long> ResolutionsMs { get; }

    public Task<SeriesSelection> SelectAsync(SeriesRequest request, CancellationToken cancellationToken)
    {
        if (!byResolution.TryGetValue(request.ResolutionMs, out var columns))
        {
            throw new ArgumentException($"resolution {request.ResolutionMs} ms is not served", nameof(request));
        }
        var selected = new List<SeriesPoints>();
        for (var i = 0; i < series.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!request.Matchers.All(m => m.Matches(series[i].Labels)))
            {
                continue;
            }
            var points = columns[i];
            var from = points.FirstIndexAtOrAfter(request.FromMs);
            var to = points.EndIndexAtOrBefore(request.ToMs);
            if (to > from)
            {
                selected.Add(new SeriesPoints(series[i].Labels, points.Slice(from, to), series[i].Temporality));
            }
        }
        return Task.FromResult(new SeriesSelection(selected, []));
    }

    private static PointColumns Downsample(RawSeries raw, long widthMs, IQuantileSketchFactory sketches)
    {
        var buckets = new List<Bucket>();
        var values = new List<double>();
        BucketBuilder? builder = null;
        for (var i = 0; i < raw.Length; i++)
        {
            var start = raw.TimesMs[i] - (((raw.TimesMs[i] % widthMs) + widthMs) % widthMs);
            if (builder is null || builder.StartMs != start)
            {
                Close(builder, values, buckets, sketches);
                builder = new BucketBuilder(start);
            }
            builder.Add(raw.TimesMs[i], raw.Values[i]);
            values.Add(raw.Values[i]);
        }
        Close(builder, values, buckets, sketches);
        var columns = PointColumns.Buckets(widthMs, buckets.Count, BucketFields.All);
        for (var i = 0; i < buckets.Count; i++)
        {
            columns.Set(i, buckets[i]);
        }
        return columns;
    }

    private static void Close(BucketBuilder? builder, List<double> values, List<Bucket> buckets, IQuantileSketchFactory sketches)
    {
        if (builder is null)
        {
            return;
        }
        buckets.Add(builder.Build(sketches.Create(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values))));
        values.Clear();
    }
}

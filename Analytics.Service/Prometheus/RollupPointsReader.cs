using Npgsql;
using PerfMonitor.Analytics.Queries;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Analytics.Sketches;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>
/// Reads series' rollup rows at one resolution as PromQL point columns, only the columns the query asks for. The
/// rows come from the tables <see cref="RollupRowsSql"/> picks for each part of the range: at five minutes or an
/// hour, closed hours from rollups_5m or rollups_1h, and the open or dirty ones from minute rows, merged here into
/// buckets of the resolution with <see cref="BucketMath.Merge"/>, the math the hourly job stores them with.
/// </summary>
public static class RollupPointsReader
{
    /// <summary>Every series' buckets whose last sample lies in [<paramref name="fromMs"/>, <paramref name="toMs"/>], by series id.</summary>
    public static async Task<Dictionary<long, PointColumns>> ReadAsync(
        NpgsqlConnection connection, long[] seriesIds, long fromMs, long toMs, long resolutionMs, BucketFields requested, CancellationToken cancellationToken)
    {
        var source = RollupSources.ForStep(TimeSpan.FromMilliseconds(resolutionMs));
        // Minutes merged into wider buckets need their counts: an empty-looking minute would be dropped by the merge.
        var fields = resolutionMs > MinuteAggregator.MinuteMs ? requested | BucketFields.Count : requested;
        await using var command = await RollupRowsSql.CommandAsync(connection, source, seriesIds, Time(Align(fromMs, resolutionMs)),
            Time(Align(toMs, resolutionMs) + resolutionMs), Columns(fields), minuteBuckets: true, cancellationToken);

        var series = new Dictionary<long, SeriesRows>(seriesIds.Length);
        SeriesRows? current = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(1);
                if (current?.Id != id && !series.TryGetValue(id, out current))
                {
                    current = new SeriesRows(id, resolutionMs, requested);
                    series[id] = current;
                }
                var bucket = Row(reader, fields);
                if (reader.GetBoolean(reader.FieldCount - 1))
                {
                    current!.AddWhole(bucket, fromMs, toMs);
                }
                else
                {
                    current!.AddMinute(bucket);
                }
            }
        }
        return series.Values.Select(s => (s.Id, Points: s.Build(fromMs, toMs))).Where(s => s.Points.Length > 0).ToDictionary(s => s.Id, s => s.Points);
    }

    private static string Columns(BucketFields fields)
    {
        var columns = new List<string> { "r.series_id", "r.last", "r.last_at_ms" };
        void Add(BucketFields field, params string[] names)
        {
            if ((fields & field) != 0)
            {
                columns.AddRange(names.Select(n => BucketColumns.Expression(n, "r")));
            }
        }
        Add(BucketFields.Count, "count");
        Add(BucketFields.Sum, "sum");
        Add(BucketFields.MinMax, "min", "max");
        Add(BucketFields.First, "first", "first_at_ms");
        Add(BucketFields.PreviousLast, "prev_last", "prev_last_at_ms");
        Add(BucketFields.Increase, "bucket_increase");
        Add(BucketFields.Regression, "sum_dt", "sum_dt2", "sum_dt_v");
        Add(BucketFields.Sketch, "sketch");
        return string.Join(", ", columns);
    }

    /// <summary>One row as a bucket, in the column order of <see cref="Columns"/>; fields not read stay zero.</summary>
    private static Bucket Row(NpgsqlDataReader reader, BucketFields fields)
    {
        bool Has(BucketFields field) => (fields & field) != 0;
        var startMs = (reader.GetDateTime(0) - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond;
        var (last, lastMs) = (reader.GetDouble(2), reader.GetInt64(3));
        var i = 4;
        var count = Has(BucketFields.Count) ? reader.GetInt64(i++) : 0;
        var sum = Has(BucketFields.Sum) ? reader.GetDouble(i++) : 0;
        var (min, max) = Has(BucketFields.MinMax) ? (reader.GetDouble(i++), reader.GetDouble(i++)) : (0, 0);
        var (first, firstMs) = Has(BucketFields.First) ? (reader.GetDouble(i++), reader.GetInt64(i++)) : (0, 0L);
        var (previous, previousMs) = (0.0, Bucket.NoSample);
        if (Has(BucketFields.PreviousLast))
        {
            (previous, previousMs) = reader.IsDBNull(i + 1) ? (0, Bucket.NoSample) : (reader.GetDouble(i), reader.GetInt64(i + 1));
            i += 2;
        }
        var increase = Has(BucketFields.Increase) ? reader.GetDouble(i++) : 0;
        var (sumDt, sumDt2, sumDtValue) = Has(BucketFields.Regression) ? (reader.GetDouble(i++), reader.GetDouble(i++), reader.GetDouble(i++)) : (0, 0, 0);
        IQuantileSketch? sketch = null;
        if (Has(BucketFields.Sketch))
        {
            sketch = new DDSketchQuantiles(reader.IsDBNull(i) ? new DDSketch() : DDSketch.Deserialize((byte[])reader[i]));
        }
        return new Bucket(startMs, count, sum, min, max, first, firstMs, last, lastMs, previous, previousMs, increase, sumDt, sumDt2, sumDtValue, sketch);
    }

    public static long Align(long timeMs, long widthMs) => timeMs - (((timeMs % widthMs) + widthMs) % widthMs);

    private static DateTime Time(long ms) => DateTime.UnixEpoch.AddMilliseconds(ms);
}

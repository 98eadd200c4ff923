using Npgsql;
using NpgsqlTypes;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// The columns a rollup row (minute, five minutes, hour) keeps of its <see cref="Bucket"/>, in one order for COPY and
/// reads. Rows written before migration 0008 have no first sample, second-to-last sample, bucket increase or
/// regression sums; they are read as if every sample sat at the last one (first = last, bucket_increase = 0), so
/// PromQL's rate and increase over them count the steps from one row's last sample to the next.
/// </summary>
public static class BucketColumns
{
    /// <summary>Every column, in the order of <see cref="Read"/> and <see cref="WriteAsync"/>.</summary>
    public const string Names =
        "count, sum, min, max, last, last_at_ms, first, first_at_ms, prev_last, prev_last_at_ms, bucket_increase, sum_dt, sum_dt2, sum_dt_v";

    public const int Count = 14;

    /// <summary>Seconds from the row's bucket start to its last sample: where a row without regression sums puts every sample.</summary>
    private static string LastDt(string alias) => $"(({alias}.last_at_ms - extract(epoch FROM {alias}.bucket) * 1000) / 1000.0)::double precision";

    /// <summary>The read expression of one column of table alias <paramref name="alias"/>, with the fallback for rows written before 0008.</summary>
    public static string Expression(string column, string alias) => column switch
    {
        "first" => $"coalesce({alias}.first, {alias}.last)",
        "first_at_ms" => $"coalesce({alias}.first_at_ms, {alias}.last_at_ms)",
        "bucket_increase" => $"coalesce({alias}.bucket_increase, 0)",
        "sum_dt" => $"coalesce({alias}.sum_dt, {alias}.count * {LastDt(alias)})",
        "sum_dt2" => $"coalesce({alias}.sum_dt2, {alias}.count * {LastDt(alias)} * {LastDt(alias)})",
        "sum_dt_v" => $"coalesce({alias}.sum_dt_v, {alias}.sum * {LastDt(alias)})",
        _ => $"{alias}.{column}",
    };

    /// <summary>Every column's read expression for table alias <paramref name="alias"/>, in <see cref="Names"/> order.</summary>
    public static string Select(string alias) => string.Join(", ", Names.Split(", ").Select(c => Expression(c, alias)));

    /// <summary>The bucket starting at <paramref name="startMs"/> from <see cref="Count"/> columns read from <paramref name="ordinal"/> on.</summary>
    public static Bucket Read(NpgsqlDataReader reader, int ordinal, long startMs) => new(
        startMs,
        reader.GetInt64(ordinal),
        reader.GetDouble(ordinal + 1),
        reader.GetDouble(ordinal + 2),
        reader.GetDouble(ordinal + 3),
        reader.GetDouble(ordinal + 6),
        reader.GetInt64(ordinal + 7),
        reader.GetDouble(ordinal + 4),
        reader.GetInt64(ordinal + 5),
        reader.IsDBNull(ordinal + 8) ? 0 : reader.GetDouble(ordinal + 8),
        reader.IsDBNull(ordinal + 9) ? Bucket.NoSample : reader.GetInt64(ordinal + 9),
        reader.GetDouble(ordinal + 10),
        reader.GetDouble(ordinal + 11),
        reader.GetDouble(ordinal + 12),
        reader.GetDouble(ordinal + 13),
        null);

    /// <summary>Writes the <see cref="Count"/> columns of one row being copied in binary.</summary>
    public static async Task WriteAsync(NpgsqlBinaryImporter copy, Bucket bucket, CancellationToken cancellationToken)
    {
        await copy.WriteAsync(bucket.Count, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(bucket.Sum, NpgsqlDbType.Double, cancellationToken);
        await copy.WriteAsync(bucket.Min, NpgsqlDbType.Double, cancellationToken);
        await copy.WriteAsync(bucket.Max, NpgsqlDbType.Double, cancellationToken);
        await copy.WriteAsync(bucket.Last, NpgsqlDbType.Double, cancellationToken);
        await copy.WriteAsync(bucket.LastMs, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(bucket.First, NpgsqlDbType.Double, cancellationToken);
        await copy.WriteAsync(bucket.FirstMs, NpgsqlDbType.Bigint, cancellationToken);
        if (bucket.PreviousLastMs == Bucket.NoSample)
        {
            await copy.WriteNullAsync(cancellationToken);
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(bucket.PreviousLast, NpgsqlDbType.Double, cancellationToken);
            await copy.WriteAsync(bucket.PreviousLastMs, NpgsqlDbType.Bigint, cancellationToken);
        }
        await copy.WriteAsync(bucket.Increase, NpgsqlDbType.Double, cancellationToken);
        await copy.WriteAsync(bucket.SumDt, NpgsqlDbType.Double, cancellationToken);
        await copy.WriteAsync(bucket.SumDt2, NpgsqlDbType.Double, cancellationToken);
        await copy.WriteAsync(bucket.SumDtValue, NpgsqlDbType.Double, cancellationToken);
    }
}

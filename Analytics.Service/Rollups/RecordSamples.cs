using System.Runtime.InteropServices;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.Contracts.Wire;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// One record's samples, read in place before any of them is counted: the scalars the minute cells need, and a whole
/// <see cref="Sample"/> only for a series not stored yet (its metric and labels become the series row). Everything that
/// can refuse a malformed record happens here, so a record is aggregated whole or not at all. Reused record after
/// record, so a steady stream of known series allocates nothing per sample.
/// </summary>
internal sealed class RecordSamples
{
    private readonly List<SampleFields> fields = [];
    private readonly Dictionary<long, Sample> unstored = [];

    public ReadOnlySpan<SampleFields> Fields => CollectionsMarshal.AsSpan(fields);

    /// <summary>
    /// Reads <paramref name="record"/>, decoding the sample of each series neither in <paramref name="storedSeries"/>
    /// nor in <paramref name="pendingSeries"/>. Throws <see cref="InvalidDataException"/> on a malformed record.
    /// </summary>
    public void Read(ReadOnlySpan<byte> record, IReadOnlySet<long> storedSeries, IReadOnlyDictionary<long, Sample> pendingSeries)
    {
        fields.Clear();
        unstored.Clear();
        var reader = new SampleRecordReader(record);
        while (reader.MoveNext())
        {
            var sample = reader.Fields();
            fields.Add(sample);
            var seriesId = SeriesId.ToStorage(sample.SeriesId);
            if (!storedSeries.Contains(seriesId) && !pendingSeries.ContainsKey(seriesId) && !unstored.ContainsKey(seriesId))
            {
                unstored[seriesId] = sample.Decode(record);
            }
        }
    }

    /// <summary>The decoded sample of a series this record read as not stored.</summary>
    public Sample Unstored(long seriesId) => unstored[seriesId];
}

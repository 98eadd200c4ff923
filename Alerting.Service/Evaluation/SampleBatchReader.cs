using PerfMonitor.Alerting.Rules;
using PerfMonitor.Contracts.Wire;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Reads a perfmon.samples.v1 record (a protobuf <c>SampleBatch</c>) in place: for each sample only the metric name is
/// looked at, and a sample whose metric no enabled rule names is skipped without allocating anything. Under load
/// almost every sample is such a sample, so decoding whole batches was most of the evaluator's work.
/// </summary>
public static class SampleBatchReader
{
    /// <summary>
    /// Appends to <paramref name="matched"/> every sample of the record that some rule of <paramref name="index"/> names,
    /// with those rules, and returns how many samples the record holds. Throws <see cref="InvalidDataException"/> on a
    /// record that is not a well-formed batch.
    /// </summary>
    public static int Read(ReadOnlyMemory<byte> record, MetricRuleIndex index, List<(EncodedSample Sample, AlertRule[] Rules)> matched)
    {
        var reader = new SampleRecordReader(record.Span);
        var count = 0;
        while (reader.MoveNext())
        {
            count++;
            // Nothing else of a sample no rule names matters.
            if (index.Find(reader.Metric()) is { } rules)
            {
                var fields = reader.Fields();
                var sample = new EncodedSample(fields.SeriesId, fields.Value, fields.TimestampUnixMs, record.Slice(fields.Offset, fields.Length), fields.Temporality);
                matched.Add((sample, rules));
            }
        }
        return count;
    }
}

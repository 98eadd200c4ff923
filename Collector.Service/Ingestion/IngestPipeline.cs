using PerfMonitor.Collector.Publishing;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>
/// Where every protocol's samples converge: validate and normalise each one, then publish the valid ones.
/// A sample counts as accepted only once Kafka has confirmed it (or the spool holds it); one Kafka can never take
/// is refused by index like an invalid one.
/// </summary>
public sealed class IngestPipeline(SampleValidator validator, CardinalityGuard cardinality, IngestMetrics metrics, SamplePublisher publisher)
{
    public Task<IngestResult> IngestAsync(IReadOnlyList<Sample> samples, IReadOnlyList<SampleError> decodeErrors, CancellationToken cancellationToken) =>
        IngestAsync(samples, decodeErrors, null, cancellationToken);

    /// <param name="series">
    /// Per sample (same index), the series it was made from (<see cref="PreparedSeries.NewSample"/>), already checked and
    /// normalised, so only the sample's own fields are checked and its series' encoding is reused; null for a sample to
    /// normalise whole, or for every sample when <paramref name="series"/> is null.
    /// </param>
    public async Task<IngestResult> IngestAsync(
        IReadOnlyList<Sample> samples, IReadOnlyList<SampleError> decodeErrors, IReadOnlyList<PreparedSeries?>? series, CancellationToken cancellationToken)
    {
        var errors = new List<SampleError>(decodeErrors);
        var refused = decodeErrors.Count == 0 ? null : decodeErrors.Select(e => e.Index).ToHashSet();
        var valid = new List<Sample>(samples.Count);
        var encodings = series is null ? null : new List<SeriesEncoding?>(samples.Count);
        var overLimit = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            if (refused?.Contains(i) == true)
            {
                continue;
            }
            var prepared = series?[i];
            var error = prepared is null ? validator.Normalize(i, samples[i]) : prepared.RefusalAt(i) ?? validator.CheckPoint(i, samples[i]);
            if (error is null && cardinality.Admit(i, samples[i]) is { } refusal)
            {
                error = refusal;
                overLimit++;
            }
            if (error is null)
            {
                valid.Add(samples[i]);
                encodings?.Add(prepared?.Encoding);
            }
            else
            {
                errors.Add(error);
            }
        }

        var invalid = errors.Count - overLimit;
        var published = valid.Count > 0 ? await publisher.PublishAsync(valid, encodings, cancellationToken) : PublishResult.AllDurable;
        if (published.Refused.Count > 0)
        {
            AddRefusals(samples, published.Refused, errors);
        }
        metrics.Accepted(valid.Count - published.Refused.Count);
        metrics.Rejected(invalid, IngestMetrics.InvalidReason);
        if (errors.Count > 1)
        {
            errors.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        }
        return new IngestResult(valid.Count - published.Refused.Count, errors.Count, errors);
    }

    /// <summary>Samples Kafka can never take, reported by their index in the request like any other refusal.</summary>
    private void AddRefusals(IReadOnlyList<Sample> samples, IReadOnlyList<SampleRefusal> refused, List<SampleError> errors)
    {
        var indexOf = new Dictionary<Sample, int>(samples.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < samples.Count; i++)
        {
            indexOf[samples[i]] = i;
        }
        foreach (var refusal in refused)
        {
            errors.Add(new SampleError(indexOf[refusal.Sample], "sample", refusal.Reason));
        }
        foreach (var kind in refused.GroupBy(r => r.Kind))
        {
            metrics.Rejected(kind.Count(), kind.Key);
        }
    }
}

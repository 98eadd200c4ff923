using PerfMonitor.Collector.Publishing;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>
/// Where every protocol's samples converge: validate and normalise each one, then publish the valid ones.
/// A sample counts as accepted only once Kafka has confirmed it.
/// </summary>
public sealed class IngestPipeline(SampleValidator validator, CardinalityGuard cardinality, IngestMetrics metrics, SamplePublisher publisher)
{
    public async Task<IngestResult> IngestAsync(IReadOnlyList<Sample> samples, IReadOnlyList<SampleError> decodeErrors, CancellationToken cancellationToken)
    {
        var errors = new List<SampleError>(decodeErrors);
        var refused = decodeErrors.Count == 0 ? null : decodeErrors.Select(e => e.Index).ToHashSet();
        var valid = new List<Sample>(samples.Count);
        var overLimit = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            if (refused?.Contains(i) == true)
            {
                continue;
            }
            var error = validator.Normalize(i, samples[i]);
            if (error is null && cardinality.Admit(i, samples[i]) is { } refusal)
            {
                error = refusal;
                overLimit++;
            }
            if (error is null)
            {
                valid.Add(samples[i]);
            }
            else
            {
                errors.Add(error);
            }
        }

        if (valid.Count > 0)
        {
            await publisher.PublishAsync(valid, cancellationToken);
        }
        metrics.Accepted(valid.Count);
        metrics.Rejected(errors.Count - overLimit, IngestMetrics.InvalidReason);
        if (errors.Count > 1)
        {
            errors.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        }
        return new IngestResult(valid.Count, errors.Count, errors);
    }
}

using PerfMonitor.PromQL.Model;

namespace PerfMonitor.PromQL.Evaluation;

/// <summary>Prometheus refuses a step result with two samples of the same labels (e.g. after dropping the metric name).</summary>
internal static class DuplicateCheck
{
    public static List<VectorSample> Ensure(List<VectorSample> samples)
    {
        if (samples.Count < 2)
        {
            return samples;
        }
        var seen = new HashSet<LabelSet>(samples.Count);
        foreach (var sample in samples)
        {
            if (!seen.Add(sample.Labels))
            {
                throw new PromQLException(PromQLException.Execution, "vector cannot contain metrics with the same labelset");
            }
        }
        return samples;
    }
}

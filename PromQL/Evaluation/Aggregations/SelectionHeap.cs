namespace PerfMonitor.PromQL.Evaluation.Aggregations;

/// <summary>
/// topk's and bottomk's choice, made as Prometheus's engine makes it: a heap of at most k samples with the worst at its
/// root (NaN worst of all), which a sample enters while the heap is not full or when it beats the root, kept with the
/// moves of Go's container/heap. Which of equal values stays therefore follows the input order as in Prometheus; a
/// sort-and-take kept another one of them, and a topk answer named other series than Prometheus's.
/// </summary>
internal sealed class SelectionHeap(long k, bool largest)
{
    private readonly List<VectorSample> items = [];

    public void Add(VectorSample sample)
    {
        if (items.Count < k)
        {
            Push(sample);
        }
        else if (Worse(items[0].Value, sample.Value) || double.IsNaN(items[0].Value))
        {
            Pop();
            Push(sample);
        }
    }

    /// <summary>The kept samples, best first, ordered as Go's sort orders a heap this small (an insertion sort).</summary>
    public List<VectorSample> Best()
    {
        var sorted = new List<VectorSample>(items);
        for (var i = 1; i < sorted.Count; i++)
        {
            for (var j = i; j > 0 && Less(sorted[j - 1], sorted[j]); j--)
            {
                (sorted[j], sorted[j - 1]) = (sorted[j - 1], sorted[j]);
            }
        }
        return sorted;
    }

    private bool Worse(double a, double b) => largest ? a < b : a > b;

    /// <summary>Prometheus's vectorByValueHeap.Less (topk) and vectorByReverseValueHeap.Less (bottomk).</summary>
    private bool Less(VectorSample a, VectorSample b) => double.IsNaN(a.Value) || Worse(a.Value, b.Value);

    private void Push(VectorSample sample)
    {
        items.Add(sample);
        for (var j = items.Count - 1; j > 0;)
        {
            var parent = (j - 1) / 2;
            if (!Less(items[j], items[parent]))
            {
                break;
            }
            (items[j], items[parent]) = (items[parent], items[j]);
            j = parent;
        }
    }

    private void Pop()
    {
        var n = items.Count - 1;
        (items[0], items[n]) = (items[n], items[0]);
        for (var i = 0; ;)
        {
            var child = (2 * i) + 1;
            if (child >= n)
            {
                break;
            }
            if (child + 1 < n && Less(items[child + 1], items[child]))
            {
                child++;
            }
            if (!Less(items[child], items[i]))
            {
                break;
            }
            (items[i], items[child]) = (items[child], items[i]);
            i = child;
        }
        items.RemoveAt(n);
    }
}

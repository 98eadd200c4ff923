using PerfMonitor.PromQL.Model;
using static PerfMonitor.PromQL.Tests.Evaluation.TestData;

namespace PerfMonitor.PromQL.Tests.Evaluation;

/// <summary>
/// Where Prometheus's answer depends on the order it meets its inputs in, the engine meets them in the same order: a
/// selector's series by labels, as Prometheus's TSDB returns them from its blocks, and topk's and bottomk's heap.
/// </summary>
public sealed class InputOrderTests
{
    [Fact]
    public async Task Sum_adds_a_selectors_series_in_the_order_of_their_labels()
    {
        // Stored in another order: added as stored, 1e100 + 1 - 1e100 is 0; in label order, 1e100 - 1e100 + 1 is 1.
        var engine = Engine(
            Series("x", [("i", "a")], (0, 1e100)),
            Series("x", [("i", "c")], (0, 1)),
            Series("x", [("i", "b")], (0, -1e100)));

        Assert.Equal(1, await SingleAsync(engine, "sum(x)", 10));
    }

    [Fact]
    public async Task Topk_and_bottomk_keep_the_one_of_equal_values_that_Prometheus_keeps()
    {
        // Prometheus's heap of two takes a and b, passes c over (not better than the worst kept) and lets d evict the
        // root, a; a sort-and-take kept a.
        var engine = Engine(
            Series("x", [("i", "a")], (0, 1)),
            Series("x", [("i", "b")], (0, 1)),
            Series("x", [("i", "c")], (0, 1)),
            Series("x", [("i", "d")], (0, 2)),
            Series("y", [("i", "a")], (0, 2)),
            Series("y", [("i", "b")], (0, 2)),
            Series("y", [("i", "c")], (0, 2)),
            Series("y", [("i", "d")], (0, 1)));

        var top = await InstantAsync(engine, "topk(2, x)", 10);
        var bottom = await InstantAsync(engine, "bottomk(2, y)", 10);

        Assert.Equal(new[] { "d", "b" }, top.Select(s => s.Labels.Get("i") ?? "").ToArray());
        Assert.Equal(new[] { "d", "b" }, bottom.Select(s => s.Labels.Get("i") ?? "").ToArray());
    }

    [Fact]
    public void Label_sets_are_ordered_as_Prometheus_orders_them()
    {
        var order = LabelOrder.Instance;

        Assert.True(order.Compare(LabelSet.Of(("a", "1")), LabelSet.Of(("a", "1"), ("b", "0"))) < 0);
        Assert.True(order.Compare(LabelSet.Of(("a", "2")), LabelSet.Of(("a", "10"))) > 0);
        Assert.True(order.Compare(LabelSet.Of(("b", "0")), LabelSet.Of(("a", "9"), ("c", "0"))) > 0);
        // UTF-8 byte order is code point order: U+FFFD before U+1F600, whose UTF-16 surrogates sort lower.
        Assert.True(order.Compare(LabelSet.Of(("a", "\uFFFD")), LabelSet.Of(("a", "\U0001F600"))) < 0);
    }
}

using PerfMonitor.PromQL.Model;

namespace PerfMonitor.PromQL.Evaluation.Aggregations;

/// <summary>
/// The groups of one aggregation node, numbered: each input label set is mapped to its group's slot once, so a step
/// finds a sample's group with one lookup and keeps its groups in a list instead of a dictionary.
/// </summary>
internal sealed class GroupSlots
{
    private readonly Dictionary<LabelSet, int> byInput = [];
    private readonly Dictionary<LabelSet, int> byKey = [];
    private readonly List<LabelSet> keys = [];

    /// <summary>The slot of the group <paramref name="group"/> puts <paramref name="input"/> in, remembered for the next step.</summary>
    public int SlotOf<TState>(LabelSet input, TState state, Func<LabelSet, TState, LabelSet> group)
    {
        if (!byInput.TryGetValue(input, out var slot))
        {
            slot = SlotOf(group(input, state));
            byInput[input] = slot;
        }
        return slot;
    }

    /// <summary>The slot of a group key, numbered on first sight.</summary>
    public int SlotOf(LabelSet key)
    {
        if (!byKey.TryGetValue(key, out var slot))
        {
            slot = keys.Count;
            keys.Add(key);
            byKey[key] = slot;
        }
        return slot;
    }

    public LabelSet Key(int slot) => keys[slot];
}

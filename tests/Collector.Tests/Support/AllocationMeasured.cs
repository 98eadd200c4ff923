namespace PerfMonitor.Collector.Tests.Support;

/// <summary>
/// Tests that measure what the process allocates around one call: they run alone, not beside other test classes,
/// whose allocations would count too.
/// </summary>
[CollectionDefinition(nameof(AllocationMeasured), DisableParallelization = true)]
public sealed class AllocationMeasured
{
    public static async Task<(T Result, long Allocated)> MeasureAsync<T>(Func<Task<T>> call)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await call();
        return (result, GC.GetTotalAllocatedBytes(precise: true) - before);
    }
}

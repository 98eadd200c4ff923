using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PerfMonitor.TestSupport;

/// <summary>
/// Starts the collections of <see cref="LongRunningAttribute"/> classes first, the rest in xunit's own order after them.
/// xunit runs a limited number of collections at once and starts them in an order of its own, different in every run: a
/// 40 s class that happened to start last set the project's time, with the other slots idle. Longest first is the
/// classic remedy for that tail. A project opts in with
/// <c>[assembly: TestCollectionOrderer(LongRunningFirstOrderer.TypeName, LongRunningFirstOrderer.AssemblyName)]</c>.
/// </summary>
public sealed class LongRunningFirstOrderer : ITestCollectionOrderer
{
    public const string TypeName = "PerfMonitor.TestSupport.LongRunningFirstOrderer";
    public const string AssemblyName = "PerfMonitor.TestSupport";

    // How xunit v2 names the collection it makes for a class that names none.
    private const string ClassCollectionPrefix = "Test collection for ";

    private readonly DefaultTestCollectionOrderer xunitOrder = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        xunitOrder.OrderTestCollections(testCollections).OrderBy(collection => IsLongRunning(collection) ? 0 : 1);

    private static bool IsLongRunning(ITestCollection collection)
    {
        var type = collection.CollectionDefinition
            ?? (collection.DisplayName.StartsWith(ClassCollectionPrefix, StringComparison.Ordinal)
                ? collection.TestAssembly.Assembly.GetType(collection.DisplayName[ClassCollectionPrefix.Length..])
                : null);
        return type?.GetCustomAttributes(typeof(LongRunningAttribute).AssemblyQualifiedName!).Any() == true;
    }
}

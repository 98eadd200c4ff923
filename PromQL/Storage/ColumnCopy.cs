namespace PerfMonitor.PromQL.Storage;

/// <summary>One element of a column into the same column of another point set.</summary>
internal static class ColumnCopy
{
    public static void CopyElement<T>(this T[] source, T[] target, int from, int to) => target[to] = source[from];
}

namespace PerfMonitor.Gateway.Overview;

/// <summary>What one source of the overview answered: its response, or null and why not.</summary>
/// <param name="Source"><c>ok</c>, or why the part is empty (<c>analytics unavailable</c>).</param>
public sealed record SourceAnswer<T>(T? Response, string Source) where T : class;

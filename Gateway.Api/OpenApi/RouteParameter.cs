namespace PerfMonitor.Gateway.OpenApi;

/// <summary>One parameter of a documented operation, in the path or the query string.</summary>
/// <param name="Allowed">The only values the parameter takes, when it is one of a list; null otherwise.</param>
public sealed record RouteParameter(string Name, string In, bool Required, string Description, string Example, IReadOnlyList<string>? Allowed = null);

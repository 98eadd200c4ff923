namespace PerfMonitor.Gateway.Security;

/// <summary>
/// What a request needs, as access control decided it from the endpoint; set as a request feature for the limits and
/// meters that run after access control. Public requests have none.
/// </summary>
/// <param name="Scope">The scope the caller needs.</param>
/// <param name="Exists">False for a gRPC path that names no forwarded method: refused, never forwarded.</param>
public sealed record AccessRequirement(Scope Scope, bool Exists);

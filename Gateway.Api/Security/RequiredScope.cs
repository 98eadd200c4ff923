namespace PerfMonitor.Gateway.Security;

/// <summary>Endpoint metadata: the scope one of the gateway's own endpoints needs (forwarded routes take theirs from the route table).</summary>
public sealed record RequiredScope(Scope Scope);

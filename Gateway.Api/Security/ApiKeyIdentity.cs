namespace PerfMonitor.Gateway.Security;

/// <summary>Who is calling: the key's configured name (never the key itself), its scopes and its limits (0: none).</summary>
public sealed record ApiKeyIdentity(string Name, Scope Scopes, int PermitsPerSecond, int Burst, int MaxConcurrentIngest, int MaxConcurrentQueries);

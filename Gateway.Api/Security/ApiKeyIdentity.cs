namespace PerfMonitor.Gateway.Security;

/// <summary>
/// Who is calling: the key's configured name (never the key itself), its scopes and the limits it sets for itself (0: none;
/// null: the default, which the limits own).
/// </summary>
public sealed record ApiKeyIdentity(string Name, Scope Scopes, int? PermitsPerSecond, int? Burst, int? MaxConcurrentIngest, int? MaxConcurrentQueries);

namespace PerfMonitor.Gateway.Security;

/// <summary>What a key may do. Admin implies read and ingest.</summary>
[Flags]
public enum Scope
{
    None = 0,
    Ingest = 1,
    Read = 2,
    Admin = 4,
}

public static class Scopes
{
    public static Scope Parse(string? list)
    {
        var scopes = Scope.None;
        foreach (var item in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            scopes |= Enum.TryParse<Scope>(item, ignoreCase: true, out var scope) && scope != Scope.None
                ? scope
                : throw new FormatException($"Unknown API key scope '{item}' (expected ingest, read or admin).");
        }
        return scopes;
    }

    public static bool Allows(this Scope granted, Scope required) =>
        required == Scope.None || granted.HasFlag(Scope.Admin) || granted.HasFlag(required);

    public static string Describe(this Scope scope) => scope.ToString().ToLowerInvariant();

    /// <summary>
    /// What the key may do, with admin's implied scopes spelled out, as a comma list without spaces in a fixed order:
    /// <c>read</c>, <c>ingest</c>, <c>read,ingest</c> or <c>read,ingest,admin</c>.
    /// </summary>
    public static string Effective(this Scope granted) => string.Join(',',
        new[] { Scope.Read, Scope.Ingest, Scope.Admin }.Where(scope => granted.Allows(scope)).Select(scope => scope.Describe()));
}

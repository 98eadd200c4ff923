using System.Reflection;

namespace PerfMonitor.ServiceDefaults.Postgres;

/// <summary>
/// A service's migrations: SQL files embedded as resources named <c>Migrations/{version}.sql</c>, applied in name order.
/// </summary>
public sealed record SchemaMigrations(Assembly Assembly, string Owner)
{
    public IReadOnlyList<(string Version, string Sql)> Load()
    {
        const string prefix = "Migrations/";
        return Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = Assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return (name[prefix.Length..^".sql".Length], reader.ReadToEnd());
            })
            .ToList();
    }
}

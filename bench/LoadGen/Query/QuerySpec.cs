namespace PerfMonitor.LoadGen.Query;

/// <summary>One query of the fixed set: an instant query at <see cref="End"/> when <see cref="Step"/> is null, else a range query.</summary>
public sealed record QuerySpec(string Name, string Range, string Expr, DateTimeOffset Start, DateTimeOffset End, TimeSpan? Step)
{
    public bool IsRange => Step is not null;

    public string Kind => IsRange ? "range" : "instant";

    /// <summary>The API path and parameters, as Grafana and promtool send them.</summary>
    public string PathAndQuery
    {
        get
        {
            var query = Uri.EscapeDataString(Expr);
            return Step is { } step
                ? $"/api/v1/query_range?query={query}&start={Start.ToUnixTimeSeconds()}&end={End.ToUnixTimeSeconds()}&step={(long)step.TotalSeconds}"
                : $"/api/v1/query?query={query}&time={End.ToUnixTimeSeconds()}";
        }
    }
}

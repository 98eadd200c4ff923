namespace PerfMonitor.Embedded.Postgres;

public sealed record EmbeddedPostgresOptions(string DataDirectory)
{
    public string Database { get; init; } = "metricsdb";

    /// <summary>0 picks a free loopback port.</summary>
    public int Port { get; init; }

    /// <summary>Throwaway test clusters skip fsync; a kept development cluster does not.</summary>
    public bool Durable { get; init; } = true;

    public int MaxConnections { get; init; } = 200;
}

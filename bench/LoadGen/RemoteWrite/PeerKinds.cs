namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>The peers <c>--peer</c> can name.</summary>
public static class PeerKinds
{
    /// <summary>Debian's Prometheus with its remote-write receiver; a config with no scrape jobs, so every sample in its head came from us.</summary>
    public static readonly PeerKind Prometheus = new(
        "prometheus", "Prometheus", "prometheus", "/usr/bin/prometheus", "/api/v1/write", "/-/ready",
        "prometheus_tsdb_head_samples_appended_total",
        (port, folder) =>
        {
            var config = Path.Combine(folder, "prometheus.yml");
            File.WriteAllText(config, "global:\n  scrape_interval: 1m\n");
            return
            [
                "--web.enable-remote-write-receiver", $"--storage.tsdb.path={Path.Combine(folder, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", $"--config.file={config}", "--log.level=warn",
            ];
        });

    /// <summary>Debian's single-node VictoriaMetrics; it does not scrape itself unless told to.</summary>
    public static readonly PeerKind VictoriaMetrics = new(
        "victoriametrics", "VictoriaMetrics", "victoria-metrics", "/usr/bin/victoria-metrics", "/api/v1/write", "/health",
        "vm_rows_inserted_total",
        (port, folder) => ["-httpListenAddr", $"127.0.0.1:{port}", "-storageDataPath", Path.Combine(folder, "data"), "-loggerLevel", "ERROR"]);

    public static readonly IReadOnlyDictionary<string, PeerKind> Known = new Dictionary<string, PeerKind>(StringComparer.Ordinal)
    {
        [Prometheus.Key] = Prometheus,
        [VictoriaMetrics.Key] = VictoriaMetrics,
    };
}

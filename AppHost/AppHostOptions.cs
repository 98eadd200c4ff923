using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.AppHost;

public sealed class AppHostOptions
{
    public const string Section = "AppHost";

    /// <summary>The resources page; a fixed local port, like Aspire's dashboard.</summary>
    [Required]
    public string ResourcesUrl { get; set; } = "http://localhost:18888";

    /// <summary>Embedded PostgreSQL data, generated secrets and logs; defaults to the repo's .data/.</summary>
    public string? DataDirectory { get; set; }

    [Range(0, 65535)]
    public int GatewayHttpPort { get; set; } = 5100;

    [Range(0, 65535)]
    public int GatewayGrpcPort { get; set; } = 5101;

    [Range(1, 1024)]
    public int KafkaPartitions { get; set; } = 32;

    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(90);
}

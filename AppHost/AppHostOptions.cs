using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts;

namespace PerfMonitor.AppHost;

/// <summary>The AppHost's own settings (section <c>AppHost</c>, or <c>AppHost__*</c> variables); defaults run out of the box.</summary>
public sealed class AppHostOptions
{
    public const string Section = "AppHost";

    /// <summary>Embedded PostgreSQL data, the generated API key and the collector's spool; defaults to the repo's .data/.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The gateway's REST/OTLP/dashboard port; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int GatewayHttpPort { get; set; } = 5100;

    /// <summary>The gateway's plain-text HTTP/2 (gRPC) port; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int GatewayGrpcPort { get; set; } = 5101;

    /// <summary>Partitions of each topic on the embedded broker, which keeps only 5 MiB per partition.</summary>
    [Range(1, 1024)]
    public int KafkaPartitions { get; set; } = 32;

    /// <summary>Throwaway clusters (tests) skip fsync; a kept development cluster does not.</summary>
    public bool DurablePostgres { get; set; } = true;

    [Range(10, 10_000)]
    public int PostgresMaxConnections { get; set; } = 200;

    /// <summary>Alerting may call webhooks on loopback and private addresses: a user trying PerfMonitor on one machine does.</summary>
    public bool AllowPrivateWebhookTargets { get; set; } = true;

    /// <summary>
    /// Bounds each service's OTLP export to the dashboard, so the last flush at shutdown cannot hold a service up
    /// for the exporter's default 10 s when the dashboard has already gone.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan OtlpExportTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a service may take to stop when the AppHost stops; then it is killed, so nothing outlives the AppHost.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ServiceStopTimeout { get; set; } = TimeSpan.FromSeconds(6);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05")]
    public TimeSpan ShutdownPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>First wait before a crashed service is started again; doubled per crash up to <see cref="MaxRestartDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the embedded broker's consumer lag is compared with what it retains.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan KafkaRetentionCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Warn when a group's unread data on a partition reaches this share of what the partition retains.</summary>
    [Range(1, 100)]
    public int KafkaRetentionWarningPercent { get; set; } = 50;

    /// <summary>
    /// The consumer groups that read each topic of the embedded broker. Every <see cref="KafkaTrimInterval"/>, a
    /// partition's records that all of its topic's readers have committed are deleted; a topic not listed keeps its
    /// records until the 5 MiB bound drops them. A consumer of your own on the embedded broker belongs here.
    /// </summary>
    public Dictionary<string, string[]> KafkaTopicReaders { get; set; } = new(StringComparer.Ordinal)
    {
        [Topics.Samples] = ["analytics", "alerting"],
        [Topics.Events] = ["alerting.events"],
        [Topics.AlertGroups] = ["alerting.groups"],
    };

    /// <summary>Every reader group of <see cref="KafkaTopicReaders"/>, once: whose offsets the retention watch and the trim read.</summary>
    public IEnumerable<string> KafkaReaderGroups() => KafkaTopicReaders.Values.SelectMany(readers => readers).Distinct(StringComparer.Ordinal);

    /// <summary>How often records every reader has committed are deleted from the embedded broker; zero turns it off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan KafkaTrimInterval { get; set; } = TimeSpan.FromSeconds(1);

    public string ResolveDataDirectory(string appHostDirectory) =>
        Path.GetFullPath(DataDirectory ?? Path.Combine(appHostDirectory, "..", ".data"));

    /// <summary>Bound and validated before the application model is built, because the model depends on it.</summary>
    public static AppHostOptions Load(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<AppHostOptions>() ?? new AppHostOptions();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new OptionsValidationException(Section, typeof(AppHostOptions),
                errors.Select(e => $"{Section}:{string.Join(",", e.MemberNames)}: {e.ErrorMessage}"));
        }
        return options;
    }
}

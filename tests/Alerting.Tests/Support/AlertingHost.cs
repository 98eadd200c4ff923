using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PerfMonitor.Alerting.Acknowledgement;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Extensions;
using PerfMonitor.Alerting.Grpc;
using PerfMonitor.Alerting.Receivers;
using PerfMonitor.Alerting.Reports;
using PerfMonitor.Alerting.Routing;
using PerfMonitor.Alerting.RuleFiles;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Silences;
using PerfMonitor.Alerting.Slos;
using PerfMonitor.Alerting.State;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.Events;
using PerfMonitor.Contracts.V1;
using PerfMonitor.Embedded;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// The alerting service hosted in the test process exactly as Program.cs builds it, on a free loopback port, against a
/// database of its own on the test process's PostgreSQL (a copy of <see cref="AlertingSchema"/>'s migrated template) and
/// its own embedded Kafka, with delivery timings shortened so failures show in seconds. A class fixture: every class gets
/// its own, so the classes run beside each other (a shared collection fixture would run them one after the other). A
/// delivery attempt keeps the production limit of 5 s: on a loaded machine a shorter one timed out answers on their way
/// and sent them again.
/// </summary>
public class AlertingHost : IAsyncLifetime
{
    private readonly PostgresFixture postgres = PostgresFixture.CopyOf(AlertingSchema.Template);
    private static readonly TimeSpan AssignmentPoll = TimeSpan.FromMilliseconds(20);
    private readonly KafkaFixture kafka = new();
    private IProducer<byte[], byte[]>? producer;

    public WebApplication App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public Uri GrpcUrl { get; private set; } = null!;

    public NpgsqlDataSource Database { get; private set; } = null!;

    public string ConnectionString => postgres.ConnectionString;

    public string KafkaBootstrapServers => kafka.BootstrapServers;

    /// <summary>The consumer group the next start joins; a new name is a group with no committed offsets.</summary>
    public string ConsumerGroup { get; set; } = "alerting";

    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public virtual async Task InitializeAsync()
    {
        await postgres.InitializeAsync();
        await kafka.InitializeAsync();
        Database = NpgsqlDataSource.Create(postgres.ConnectionString);
        producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, LingerMs = 0 }).Build();
        await StartAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await StopAsync();
        producer?.Dispose();
        await Database.DisposeAsync();
        await kafka.DisposeAsync();
        await postgres.DisposeAsync();
    }

    /// <summary>Stops the service and starts a fresh one on the same database and Kafka: a restart.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>A restart that does something while the service is down.</summary>
    public async Task RestartAsync(Func<Task> whileStopped)
    {
        await StopAsync();
        await whileStopped();
        await StartAsync();
    }

    public async Task<JsonElement> CreateRuleAsync(object rule)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/alert-rules", rule);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body;
    }

    public async Task ProduceAsync(string metric, IReadOnlyDictionary<string, string> labels, params double[] values)
    {
        var batch = new SampleBatch();
        var sorted = labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new Label { Name = l.Key, Value = l.Value }).ToList();
        var seriesId = SeriesId.Compute(metric, sorted);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < values.Length; i++)
        {
            var sample = new Sample { SeriesId = seriesId, Metric = metric, Value = values[i], TimestampUnixMs = now - ((values.Length - 1 - i) * 10) };
            sample.Labels.AddRange(sorted);
            batch.Samples.Add(sample);
        }
        await producer!.ProduceAsync(Topics.Samples, new Message<byte[], byte[]> { Key = BitConverter.GetBytes(seriesId), Value = Google.Protobuf.MessageExtensions.ToByteArray(batch) });
    }

    /// <summary>One sample in a record stamped <paramref name="at"/>, as if it had been written then.</summary>
    public async Task ProduceAtAsync(DateTimeOffset at, string metric, IReadOnlyDictionary<string, string> labels, double value)
    {
        var sorted = labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new Label { Name = l.Key, Value = l.Value }).ToList();
        var sample = new Sample { SeriesId = SeriesId.Compute(metric, sorted), Metric = metric, Value = value, TimestampUnixMs = at.ToUnixTimeMilliseconds() };
        sample.Labels.AddRange(sorted);
        var batch = new SampleBatch { Samples = { sample } };
        await producer!.ProduceAsync(Topics.Samples, new Message<byte[], byte[]>
        {
            Key = BitConverter.GetBytes(sample.SeriesId), Value = Google.Protobuf.MessageExtensions.ToByteArray(batch), Timestamp = new Timestamp(at),
        });
    }

    /// <summary>One record holding one sample of each series, as the collector batches samples that share a partition.</summary>
    public async Task ProduceSeriesAsync(string metric, IEnumerable<IReadOnlyDictionary<string, string>> series, double value)
    {
        var batch = new SampleBatch();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var labels in series)
        {
            var sorted = labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new Label { Name = l.Key, Value = l.Value }).ToList();
            var sample = new Sample { SeriesId = SeriesId.Compute(metric, sorted), Metric = metric, Value = value, TimestampUnixMs = now };
            sample.Labels.AddRange(sorted);
            batch.Samples.Add(sample);
        }
        await producer!.ProduceAsync(Topics.Samples, new Message<byte[], byte[]> { Key = BitConverter.GetBytes(batch.Samples[0].SeriesId), Value = Google.Protobuf.MessageExtensions.ToByteArray(batch) });
    }

    /// <summary>Samples as they leave the collector: labels sorted by name and the series id set, in one record.</summary>
    public async Task ProduceSamplesAsync(IEnumerable<Sample> samples)
    {
        var batch = new SampleBatch();
        foreach (var sample in samples)
        {
            var normalized = sample.Clone();
            normalized.Labels.Clear();
            normalized.Labels.AddRange(sample.Labels.OrderBy(l => l.Name, StringComparer.Ordinal));
            normalized.SeriesId = SeriesId.Compute(normalized.Metric, normalized.Labels);
            batch.Samples.Add(normalized);
        }
        await producer!.ProduceAsync(Topics.Samples, new Message<byte[], byte[]> { Key = BitConverter.GetBytes(batch.Samples[0].SeriesId), Value = Google.Protobuf.MessageExtensions.ToByteArray(batch) });
    }

    /// <summary>An event as analytics publishes it; stamped <paramref name="at"/> when given, as if written then.</summary>
    public async Task ProduceEventAsync(string type, object body, DateTimeOffset? at = null)
    {
        var message = new Message<byte[], byte[]>
        {
            Key = Encoding.UTF8.GetBytes(type),
            Value = JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web),
            Headers = [new Header(EventHeaders.Type, Encoding.UTF8.GetBytes(type))],
            Timestamp = at is { } written ? new Timestamp(written) : Timestamp.Default,
        };
        await producer!.ProduceAsync(Topics.Events, message);
    }

    public async Task<List<JsonElement>> NotificationsAsync(string ruleId) =>
        (await Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/notifications?ruleId={ruleId}&limit=1000"))!;

    private async Task StartAsync()
    {
        var (app, client, grpcUrl) = await StartAppAsync(Configure);
        App = app;
        GrpcUrl = grpcUrl;
        Client = client;
    }

    /// <summary>
    /// Another replica of the service on the same PostgreSQL and Kafka, in the same consumer groups, with
    /// <paramref name="configure"/> applied after <see cref="Configure"/>. The caller stops it.
    /// </summary>
    public async Task<AlertingReplica> StartReplicaAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var (app, client, _) = await StartAppAsync(settings =>
        {
            Configure(settings);
            configure?.Invoke(settings);
        });
        return new AlertingReplica(app, client);
    }

    private async Task<(WebApplication App, HttpClient Client, Uri GrpcUrl)> StartAppAsync(Action<Dictionary<string, string?>> configure)
    {
        var port = FreePort.Next();
        var grpcPort = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ApplicationName = typeof(AlertingOptions).Assembly.GetName().Name,
        });
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:metricsdb"] = postgres.ConnectionString,
            ["ConnectionStrings:kafka"] = kafka.BootstrapServers,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{port}",
            ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
            ["Alerting:AllowPrivateWebhookTargets"] = "true",
            ["Alerting:TickInterval"] = "00:00:00.200",
            ["Alerting:RuleRefreshInterval"] = "00:00:01",
            ["Alerting:ConsumerGroup"] = ConsumerGroup,
            ["Alerting:MaxReplay"] = "00:02:00",
            // A member learns of a rebalance (a replica joining or leaving) from its next heartbeat: 2 s apart by default.
            ["Kafka:HeartbeatIntervalMs"] = "500",
            // The embedded broker holds an empty fetch this long even when a sample arrives meanwhile (500 ms by default).
            ["Kafka:FetchWaitMaxMs"] = "50",
            // The outbox keeps the production poll of 500 ms: every write wakes the dispatcher, so a poll only finds a
            // retry that came due. At 100 ms (and a retention round a second) an idle host used 1.4 CPU-s more in 30 s.
            ["Alerting:Delivery:AttemptTimeout"] = "00:00:05",
            ["Alerting:Delivery:RetryAttempts"] = "1",
            ["Alerting:Delivery:RetryBaseDelay"] = "00:00:00.050",
            ["Alerting:Delivery:RescheduleBaseDelay"] = "00:00:00.200",
            ["Alerting:Delivery:RescheduleMaxDelay"] = "00:00:01",
            ["Alerting:Delivery:BreakerMinimumThroughput"] = "3",
            ["Alerting:Delivery:BreakerSamplingDuration"] = "00:00:10",
            ["Alerting:Delivery:BreakerBreakDuration"] = "00:00:02",
            ["Alerting:Delivery:ResponseBodyTimeout"] = "00:00:00.200",
        };
        configure(settings);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        ConfigureServices(builder.Services);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapAlertRulesApi();
        app.MapRuleFilesApi();
        app.MapAlertsApi();
        app.MapAcknowledgementsApi();
        app.MapSilencesApi();
        app.MapNotificationsApi();
        app.MapSlosApi();
        app.MapReportsApi();
        app.MapReceiversApi();
        app.MapRoutingApi();
        app.MapGrpcService<AlertsGrpcService>();
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(GatewayScopes.Header, GatewayScopes.Admin);
        var evaluator = app.Services.GetRequiredService<StreamEvaluator>();
        var events = app.Services.GetRequiredService<EventStreamConsumer>();
        var groups = app.Services.GetRequiredService<GroupedSampleConsumer>();
        await Task.WhenAll(
            AssignedAsync(() => evaluator.IsConsuming, "the evaluator"),
            AssignedAsync(() => events.IsConsuming, "the event evaluator"),
            AssignedAsync(() => groups.IsConsuming, "the group evaluator"));
        return (app, client, new Uri($"http://127.0.0.1:{grpcPort}"));
    }

    /// <summary>
    /// The three groups join at once; their flags are read from memory, so they are asked often: every start and restart
    /// of a test host waits here, and the default interval rounded each wait up.
    /// </summary>
    private static Task AssignedAsync(Func<bool> consuming, string consumer) =>
        Eventually.GetAsync(() => Task.FromResult(consuming()), assigned => assigned, TimeSpan.FromSeconds(60), $"{consumer} to be assigned partitions", AssignmentPoll);

    private async Task StopAsync()
    {
        Client?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}

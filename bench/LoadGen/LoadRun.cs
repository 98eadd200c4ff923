using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Contracts;
using PerfMonitor.LoadGen.Incidents;
using PerfMonitor.SystemTesting;

namespace PerfMonitor.LoadGen;

/// <summary>
/// One measured run: boot the system (or use a running one), send the workload for the chosen duration while
/// probing freshness and alert latency, then wait until every acknowledged sample is visible in the rollups
/// and count them back.
/// </summary>
public sealed class LoadRun(LoadOptions options, TextWriter console)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan AlertWaitTimeout = TimeSpan.FromSeconds(30);
    /// <summary>How many of the slowest incidents the report lists, with the faults they overlapped.</summary>
    private const int SlowestIncidents = 10;
    /// <summary>How many of the slowest incidents are traced stage by stage through the alerting tables.</summary>
    private const int TracedIncidents = 3;

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        await using var system = await BootedSystem.StartAsync(options, console, cancellationToken);
        return await MeasureAsync(system, cancellationToken);
    }

    private async Task<LoadReport> MeasureAsync(BootedSystem system, CancellationToken cancellationToken)
    {
        var app = system.App;
        var runId = $"r{DateTime.UtcNow:HHmmss}{Random.Shared.Next(100, 999)}";
        var workload = new Workload(runId, options);
        using var senders = new Senders(system.GatewayUrl, system.GrpcUrl, system.ApiKey);
        await using var alerts = await AlertProbe.StartAsync();
        await alerts.CreateRuleAsync(senders.Http, runId, options.RoutedAlerts, cancellationToken);
        var postgres = app is null ? null : await app.PostgresConnectionStringAsync(cancellationToken);
        using var lag = app is null ? null : new LagReader(app.KafkaBootstrapServers, postgres!, BootedSystem.Partitions);
        using var visible = postgres is null ? null : new MinuteRollupCount(postgres);
        var sampler = new ProcessSampler();
        using var direct = options.DirectKafka ? new DirectSender(app?.KafkaBootstrapServers ?? throw new ArgumentException("--direct-kafka needs the system booted by the load generator"), BootedSystem.Partitions) : null;
        if (options.IdleAlertProbes > 0)
        {
            console.WriteLine($"Timing {options.IdleAlertProbes} alerts on the idle system first...");
            await alerts.RunAsync(senders.Http, runId, cancellationToken, AlertProbe.IdlePhase, options.IdleAlertProbes);
            await alerts.WaitForAsync(AlertProbe.IdlePhase, options.IdleAlertProbes, AlertWaitTimeout, cancellationToken);
        }

        console.WriteLine($"Run {runId}: {options.Series} series, mix {string.Join(",", options.Mix.Select(m => $"{m.Key}={m.Value}"))}, " +
            $"{(options.Rate == 0 ? "as fast as accepted" : $"{options.Rate}/s")}, {options.Duration}{(options.Faults ? ", with faults" : "")}");
        long acknowledged = 0, inDoubt = 0;
        var timeline = new List<TimelinePoint>();
        var runStart = Stopwatch.GetTimestamp();
        var started = Stopwatch.StartNew();
        var freshness = new FreshnessProbe(senders.Http, runId, started);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // With faults the load goes on until the whole schedule has been injected and recovered, however long that takes.
        var faults = app is not null && options.Faults ? new FaultInjector(app, alerts, started, console) : null;
        var sendWindow = Task.WhenAll(Task.Delay(options.Duration, cancellationToken), faults?.RunAsync(options.Duration, cancellationToken) ?? Task.CompletedTask);

        var senderTasks = Enumerable.Range(0, options.Senders).Select(_ => Task.Run(async () =>
        {
            var perSender = options.Rate / (double)options.Senders;
            var sent = 0L;
            var paced = Stopwatch.StartNew();
            while (!stop.IsCancellationRequested)
            {
                var batch = workload.NextBatch(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                var result = direct is not null ? await direct.SendAsync(batch) : await senders.SendAsync(PickProtocol(), batch, CancellationToken.None);
                if (result is { } accepted)
                {
                    Interlocked.Add(ref acknowledged, accepted);
                }
                else
                {
                    Interlocked.Add(ref inDoubt, batch.Samples.Count);
                    await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
                }
                sent += batch.Samples.Count;
                if (perSender > 0)
                {
                    var ahead = TimeSpan.FromSeconds(sent / perSender) - paced.Elapsed;
                    if (ahead > TimeSpan.Zero)
                    {
                        await Task.Delay(ahead, CancellationToken.None);
                    }
                }
            }
        }, CancellationToken.None)).ToList();
        var probes = new List<Task> { freshness.RunAsync(stop.Token), alerts.RunAsync(senders.Http, runId, stop.Token) };

        var maxLag = 0L;
        var maxAlertingLag = 0L;
        var lastAcknowledged = 0L;
        var lastVisible = 0L;
        var lastTick = started.Elapsed;
        var since = DateTimeOffset.UtcNow;
        while (!sendWindow.IsCompleted)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            var now = started.Elapsed;
            var current = Interlocked.Read(ref acknowledged);
            var rate = (current - lastAcknowledged) / (now - lastTick).TotalSeconds;
            var visibleNow = await ReadVisibleAsync(visible, runId, since);
            var visibleRate = visibleNow is { } seen ? (seen - lastVisible) / (now - lastTick).TotalSeconds : double.NaN;
            (lastAcknowledged, lastVisible, lastTick) = (current, visibleNow ?? lastVisible, now);
            var currentLag = await ReadLagAsync(lag);
            maxLag = Math.Max(maxLag, currentLag);
            var alertingLag = ReadAlertingLag(lag);
            maxAlertingLag = Math.Max(maxAlertingLag, alertingLag);
            var memory = app is null ? new Dictionary<string, double>()
                : sampler.Sample(app.Services.Select(s => (s.Name, s.ProcessId)));
            timeline.Add(new TimelinePoint(now.TotalSeconds, rate, visibleRate, currentLag, memory));
            console.WriteLine($"  {now.TotalSeconds,5:0}s  {rate,10:N0} samples/s  acknowledged {current,12:N0}  in doubt {Interlocked.Read(ref inDoubt),8:N0}  lag {currentLag,8:N0} records  alerting lag {alertingLag,8:N0}  alerts {alerts.LatenciesMs.Count}/{alerts.Injected}");
        }
        await stop.CancelAsync();
        await sendWindow;
        await Task.WhenAll(senderTasks);
        await Task.WhenAll(probes);
        var sendSeconds = started.Elapsed.TotalSeconds;
        console.WriteLine("Waiting until every acknowledged sample is visible in the rollups...");
        var counted = await new RollupCounter(senders.Http).WaitForAsync(runId, Workload.Metrics, acknowledged, DrainTimeout, cancellationToken);
        var visibleSeconds = started.Elapsed.TotalSeconds;
        // Incidents injected near the end, or held up behind a fault (a spool replay, a stalled receiver), still count
        // once they arrive: the drain above gave them the same time it gave the samples.
        await alerts.WaitForAsync(AlertProbe.LoadPhase, alerts.Injected, AlertWaitTimeout, cancellationToken);
        if (postgres is not null)
        {
            await PhaseStages.PrintAsync(postgres, runId,
                [new("under load", alerts.SlowestCourses(AlertProbe.LoadPhase, int.MaxValue)), new("idle", alerts.SlowestCourses(AlertProbe.IdlePhase, int.MaxValue))],
                TracedIncidents, console, cancellationToken);
        }
        var faultOutcomes = faults?.Outcomes ?? [];
        var unalerted = alerts.Unalerted(AlertProbe.LoadPhase, runStart, faultOutcomes);
        foreach (var incident in unalerted)
        {
            console.WriteLine($"  incident {incident.Incident} {incident.Verdict}: sent at {incident.SentAtSeconds:0.0}s, {incident.SendAttempts} send(s){(incident.LastSendError is null ? "" : $", last refusal {incident.LastSendError}")}, " +
                $"{incident.StalledDeliveries} stalled deliveries; faults: {(incident.Faults.Count == 0 ? "none" : string.Join("; ", incident.Faults))}");
        }

        var (q1P50, q1P99) = await QueryLatencyAsync(senders.Http, runId, TimeSpan.FromHours(1), cancellationToken);
        var (q24P50, q24P99) = await QueryLatencyAsync(senders.Http, runId, TimeSpan.FromHours(24), cancellationToken);

        double kafkaBaseline = 0, copyBaseline = 0;
        if (app is not null && options.MeasureBaselines)
        {
            console.WriteLine("Measuring this machine's raw limits (Kafka produce, PostgreSQL binary COPY)...");
            kafkaBaseline = await Baselines.KafkaSamplesPerSecondAsync(app.KafkaBootstrapServers, workload, Math.Clamp(acknowledged, 100_000, 2_000_000), BootedSystem.Partitions, cancellationToken);
            copyBaseline = await Baselines.CopyRowsPerSecondAsync(postgres!, 500_000, cancellationToken);
        }

        return new LoadReport
        {
            RunId = runId,
            Mode = options.Faults ? "faults" : options.Soak ? "soak" : "load",
            StartedAt = DateTimeOffset.UtcNow - started.Elapsed,
            Series = options.Series,
            Mix = options.Mix,
            DurationSeconds = sendSeconds,
            Acknowledged = acknowledged,
            InDoubt = inDoubt,
            Counted = counted,
            AcceptedPerSecond = acknowledged / sendSeconds,
            VisiblePerSecond = counted / visibleSeconds,
            FreshnessP50Ms = Stats.Percentile(freshness.LatenciesMs, 0.5),
            FreshnessP99Ms = Stats.Percentile(freshness.LatenciesMs, 0.99),
            FreshnessProbes = freshness.LatenciesMs.Count,
            AlertP50Ms = Stats.Percentile(alerts.LatenciesMs, 0.5),
            AlertP99Ms = Stats.Percentile(alerts.LatenciesMs, 0.99),
            AlertsReceived = alerts.LatenciesMs.Count,
            AlertsInjected = alerts.Injected,
            AlertsDuplicated = alerts.DuplicatedIn(AlertProbe.LoadPhase),
            AlertsLost = unalerted.Count(i => i.Verdict == IncidentVerdicts.Lost),
            AlertsNotAcknowledged = unalerted.Count(i => i.Verdict == IncidentVerdicts.NotAcknowledged),
            UnalertedIncidents = unalerted,
            SlowestIncidents = alerts.Slowest(AlertProbe.LoadPhase, SlowestIncidents, runStart, faultOutcomes),
            IdleAlertP50Ms = Stats.Percentile(alerts.Latencies(AlertProbe.IdlePhase), 0.5),
            IdleAlertP99Ms = Stats.Percentile(alerts.Latencies(AlertProbe.IdlePhase), 0.99),
            IdleAlertsReceived = alerts.Latencies(AlertProbe.IdlePhase).Count,
            IdleAlertsInjected = alerts.InjectedIn(AlertProbe.IdlePhase),
            MaxAlertingLag = maxAlertingLag,
            DirectKafka = options.DirectKafka,
            RoutedAlerts = options.RoutedAlerts,
            Query1hP50Ms = q1P50,
            Query1hP99Ms = q1P99,
            Query24hP50Ms = q24P50,
            Query24hP99Ms = q24P99,
            MaxLag = maxLag,
            Services = sampler.Usage(),
            KafkaBaselinePerSecond = kafkaBaseline,
            CopyBaselineRowsPerSecond = copyBaseline,
            Faults = faultOutcomes,
            Timeline = timeline,
            Soak = options.Soak ? SoakTrend.Compare(timeline, freshness.Probes, sendSeconds) : [],
        };
    }

    private string PickProtocol()
    {
        var roll = Random.Shared.Next(options.Mix.Values.Sum());
        foreach (var (protocol, weight) in options.Mix)
        {
            if ((roll -= weight) < 0)
            {
                return protocol;
            }
        }
        return options.Mix.Keys.First();
    }

    private static long ReadAlertingLag(LagReader? lag)
    {
        try
        {
            return lag?.AlertingLag() ?? 0;
        }
        catch (Confluent.Kafka.KafkaException)
        {
            return -1;
        }
    }

    /// <summary>Waits, up to a bound, for the webhooks of a phase's incidents.</summary>
    /// <summary>The run's samples in the minute rollups so far; null while PostgreSQL does not answer (a fault).</summary>
    private static async Task<long?> ReadVisibleAsync(MinuteRollupCount? visible, string runId, DateTimeOffset since)
    {
        try
        {
            return visible is null ? null : await visible.CountAsync(runId, since, CancellationToken.None);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            return null;
        }
    }

    private static async Task<long> ReadLagAsync(LagReader? lag)
    {
        try
        {
            return lag is null ? 0 : await lag.ReadAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or Confluent.Kafka.KafkaException)
        {
            return -1;
        }
    }

    private static async Task<(double P50, double P99)> QueryLatencyAsync(HttpClient gateway, string runId, TimeSpan range, CancellationToken cancellationToken)
    {
        var timings = new List<double>();
        var step = range > TimeSpan.FromHours(2) ? "1h" : "1m";
        for (var i = 0; i < 30; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await gateway.GetAsync(
                $"/api/v1/rollups?metric={Workload.Metrics[0]}&labels=run:{runId}&step={step}&from={RollupCounter.Rfc3339(DateTimeOffset.UtcNow - range)}&to={RollupCounter.Rfc3339(DateTimeOffset.UtcNow)}", cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }
        return (Stats.Percentile(timings, 0.5), Stats.Percentile(timings, 0.99));
    }
}

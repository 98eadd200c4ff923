using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.State;
using PerfMonitor.Alerting.Tests.Support;

namespace PerfMonitor.Alerting.Tests;

/// <summary>
/// A rebuild from PostgreSQL while another consumer evaluates: events and grouped samples are read on loops of their
/// own, beside the sample stream, whose every run starts with a rebuild.
/// </summary>
public sealed class EngineRebuildTests(EngineRebuildTests.Host host) : IClassFixture<EngineRebuildTests.Host>
{
    public sealed class Host : AlertingHost
    {
        public HeldStoredAlerts Stored { get; private set; } = null!;

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<IStoredAlerts>(sp => Stored = new HeldStoredAlerts(sp.GetRequiredService<AlertStore>()));
    }

    /// <summary>The stored alerts, of which a read can be held after it has read, until the test releases it.</summary>
    public sealed class HeldStoredAlerts(IStoredAlerts inner) : IStoredAlerts
    {
        private TaskCompletionSource? held;

        /// <summary>Completes once the held read has read the stored alerts.</summary>
        public TaskCompletionSource Read { get; private set; } = new();

        /// <summary>Holds the next read; completing the returned source releases it.</summary>
        public TaskCompletionSource HoldNext()
        {
            Read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return held;
        }

        public async Task<IReadOnlyList<StoredAlert>> ListAsync(CancellationToken cancellationToken)
        {
            var stored = await inner.ListAsync(cancellationToken);
            if (Interlocked.Exchange(ref held, null) is { } release)
            {
                Read.TrySetResult();
                await release.Task.WaitAsync(cancellationToken);
            }
            return stored;
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_rebuild_keeps_what_an_event_evaluated_while_the_stored_alerts_were_read()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var service = $"svc-{Guid.NewGuid():N}"[..12];
        var ruleId = await new ThresholdRules(host).CreateAsync(receiver, null, new() { ["service"] = service }, new { kind = "anomaly", minSeverity = "error", window = "5m" });
        var engine = host.App.Services.GetRequiredService<AlertEngine>();
        var anomaly = JsonSerializer.SerializeToUtf8Bytes(
            new { seriesId = 77, metric = "latency_ms", labels = new { service }, value = 990, expected = 100, lower = 50, upper = 150, score = 9.3, severity = "critical" },
            JsonSerializerOptions.Web);
        var release = host.Stored.HoldNext();

        var rebuild = engine.RebuildAsync(CancellationToken.None);
        await host.Stored.Read.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var evaluated = engine.OnEventAsync("AnomalyDetected", anomaly, CancellationToken.None);
        // Time for the event to be evaluated while the read is held, were the engine to let it in.
        await Task.WhenAny(evaluated, Task.Delay(TimeSpan.FromSeconds(2)));
        release.SetResult();
        await rebuild;
        await evaluated;

        Assert.True(await HeldInstances.HoldsAsync(host.App, Guid.Parse(ruleId), 77));
    }
}

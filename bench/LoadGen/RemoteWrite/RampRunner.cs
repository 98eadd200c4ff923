using System.Diagnostics;
using System.Globalization;
using PerfMonitor.LoadGen.RemoteWrite.Targets;

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>
/// The whole workload against one target: the ramp of paced steps until the first that does not keep up, a hold at the
/// best step that did (the lowest step when none did), the unpaced phase, then the final count.
/// </summary>
public sealed class RampRunner(IRemoteWriteTarget target, SeriesSet series, RemoteWriteOptions options, TextWriter console)
{
    public async Task<SystemResult> RunAsync(HoldProbes? probes, CancellationToken cancellationToken)
    {
        console.WriteLine($"{target.Name} ({target.Version}) at {target.Client.WriteUrl}, credentials: {target.Client.Auth.Description}");
        var clock = Stopwatch.StartNew();
        var pool = new SenderPool(target.Client, series, options);
        var phases = new List<PhaseResult>();
        IReadOnlyList<RateTick> timeline;
        await using (var visibility = VisibilityTracker.Start(target, clock))
        {
            await using var recorder = new TimelineRecorder(target, pool.Counters, visibility, clock);
            var runner = new PhaseRunner(target, pool, visibility, recorder, clock, options);
            for (var i = 0; i < options.Steps.Count; i++)
            {
                var step = await runner.RunAsync(PhaseKind.Step, $"step {i + 1}: {Rate(options.Steps[i])}", options.Steps[i], options.StepDuration, null, cancellationToken);
                Print(step);
                phases.Add(step);
                if (!step.KeptUp)
                {
                    break;
                }
            }
            var kept = phases.Where(p => p.KeptUp).Select(p => p.TargetPerSecond).DefaultIfEmpty(0).Max();
            var holdRate = kept > 0 ? kept : options.Steps[0];
            var hold = await runner.RunAsync(PhaseKind.Hold, $"hold: {Rate(holdRate)}{(kept > 0 ? "" : " (no step kept up)")}", holdRate, options.HoldDuration, probes, cancellationToken);
            Print(hold);
            phases.Add(hold);
            if (options.UnpacedDuration > TimeSpan.Zero)
            {
                var unpaced = await runner.RunAsync(PhaseKind.Unpaced, "unpaced", 0, options.UnpacedDuration, null, cancellationToken);
                Print(unpaced);
                phases.Add(unpaced);
            }
            await recorder.DisposeAsync();
            timeline = recorder.Ticks;
        }

        var totals = pool.Counters.Take();
        var counted = await CountBackAsync(totals.Acknowledged, cancellationToken);
        console.WriteLine($"  counted back {counted:N0} of {totals.Acknowledged:N0} acknowledged ({totals.InDoubt:N0} in doubt)");
        return new SystemResult
        {
            Name = target.Name,
            Version = target.Version,
            Auth = target.Client.Auth.Description,
            UsageScope = target.UsageScope,
            VisibleSource = target.VisibleSource,
            Phases = phases,
            Acknowledged = totals.Acknowledged,
            InDoubt = totals.InDoubt,
            Counted = counted,
            Timeline = timeline,
            Probes = probes is null ? null : await probes.ResultAsync(cancellationToken),
        };
    }

    public static string Rate(double samplesPerSecond) => samplesPerSecond switch
    {
        0 => "unpaced",
        >= 1_000 => (samplesPerSecond / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k/s",
        _ => samplesPerSecond.ToString("0", CultureInfo.InvariantCulture) + "/s",
    };

    private async Task<long> CountBackAsync(long acknowledged, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        long counted = 0;
        while (waited.Elapsed < options.DrainTimeout)
        {
            try
            {
                counted = await target.CountAsync(cancellationToken);
                if (counted >= acknowledged)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Busy catching up: the next try answers.
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        return counted;
    }

    private void Print(PhaseResult phase) => console.WriteLine(
        $"  {phase.Label,-26} accepted {phase.AcceptedPerSecond,11:N0}/s  {(phase.Offered > 0 ? $"{phase.AcceptedShare,6:P1}" : "      ")}  " +
        $"CPU {phase.CpuSecondsPerMillion,6:N2} s/M  PSS {phase.PeakPssMiB,7:N0} MiB  {phase.Verdict}");
}

using System.Diagnostics;

namespace PerfMonitor.LoadGen.Incidents;

/// <summary>
/// One incident of the alert probe as it went: when its breaching sample was first sent and when the collector
/// acknowledged it (after how many tries), what the webhook receiver saw of it, and when it alerted.
/// Written by the sender loop and the receiver; read once the run is over.
/// </summary>
public sealed class ProbeIncident(string name, long firstSentAt)
{
    private int firings;
    private int stalledDeliveries;
    private long firstFiredAt;

    public string Name { get; } = name;

    /// <summary>Stopwatch timestamp of the first send of the breaching sample.</summary>
    public long FirstSentAt { get; } = firstSentAt;

    /// <summary>Stopwatch timestamp of the start of the send that was acknowledged; latency is timed from it.</summary>
    public long? AcknowledgedSendAt { get; private set; }

    /// <summary>Stopwatch timestamp of the acknowledged send's answer: the sample was in Kafka by then.</summary>
    public long? AnsweredAt { get; private set; }

    public int SendAttempts { get; private set; }

    /// <summary>The last refusal or error of a send that was not acknowledged (HTTP status or exception type).</summary>
    public string? LastSendError { get; private set; }

    /// <summary>
    /// From the acknowledged send to the first firing notification. Computed when read: under load the webhook can arrive
    /// before the send's own answer does.
    /// </summary>
    public double? LatencyMs => AcknowledgedSendAt is { } sent && Interlocked.Read(ref firstFiredAt) is var fired and not 0
        ? Stopwatch.GetElapsedTime(sent, fired).TotalMilliseconds
        : null;

    /// <summary>Stopwatch timestamp of the first firing notification's arrival; null until one arrived.</summary>
    public long? FiredAt => Interlocked.Read(ref firstFiredAt) is var fired and not 0 ? fired : null;

    /// <summary>Firing notifications received for it; each incident breaches once, so more than one is a duplicate.</summary>
    public int Firings => Volatile.Read(ref firings);

    /// <summary>Notifications for it that the receiver stalled on and refused (the stalled-webhook fault).</summary>
    public int StalledDeliveries => Volatile.Read(ref stalledDeliveries);

    public void Attempted(long startedAt, long answeredAt, string? error)
    {
        SendAttempts++;
        if (error is null)
        {
            AcknowledgedSendAt = startedAt;
            AnsweredAt = answeredAt;
        }
        else
        {
            LastSendError = error;
        }
    }

    public void Fired(long receivedAt)
    {
        Interlocked.Increment(ref firings);
        Interlocked.CompareExchange(ref firstFiredAt, receivedAt, 0);
    }

    public void Stalled() => Interlocked.Increment(ref stalledDeliveries);
}

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>How a receiver is down: nothing listens on its port, or its server answers every request with 503.</summary>
public enum ReceiverDown
{
    ConnectionRefused,
    Unavailable,
}

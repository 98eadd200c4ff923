namespace PerfMonitor.Contracts.Events;

/// <summary>Kafka headers of perfmon.events.v1: the event's type name tells a consumer how to read the JSON value.</summary>
public static class EventHeaders
{
    public const string Type = "type";

    public const string ContentType = "content-type";

    public const string Json = "application/json";
}

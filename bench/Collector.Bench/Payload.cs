namespace PerfMonitor.Collector.Bench;

/// <summary>One request body, encoded before the clock starts so the senders spend no time building it.</summary>
public sealed record Payload(byte[] Body, int Samples);

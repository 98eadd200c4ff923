namespace PerfMonitor.LoadGen.Incidents;

/// <summary>What became of an incident that did not alert, or alerted late.</summary>
public static class IncidentVerdicts
{
    /// <summary>Its sample was acknowledged and no firing notification arrived: a lost alert.</summary>
    public const string Lost = "lost";

    /// <summary>
    /// Its sample was never acknowledged (the gateway or collector was down for every try until the run ended): the system
    /// never had it, so there was nothing to alert on. Not a lost alert, and not counted as injected.
    /// </summary>
    public const string NotAcknowledged = "not acknowledged";

    /// <summary>It alerted, among the slowest of the run: listed to show which faults make the latency's tail.</summary>
    public const string Slow = "slow";
}

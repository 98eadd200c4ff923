using PerfMonitor.Hosting;

namespace PerfMonitor.AppHost;

/// <summary>The running system, once started; the resources page reads it.</summary>
public sealed class SystemState
{
    public PerfMonitorApplication? Application { get; set; }

    public string Phase { get; set; } = "starting";
}

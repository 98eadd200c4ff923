namespace PerfMonitor.Hosting;

public enum ResourceState
{
    NotStarted,
    Starting,
    Running,
    Healthy,
    Unhealthy,
    Restarting,
    Stopped,
    Failed,
}

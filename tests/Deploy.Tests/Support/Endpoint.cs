namespace PerfMonitor.Deploy.Tests.Support;

/// <summary>One end of a connection: a pod (namespace, labels, named ports) or an address outside the cluster.</summary>
public abstract record Endpoint(string Description)
{
    public override string ToString() => Description;
}

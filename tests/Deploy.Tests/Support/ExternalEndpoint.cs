using System.Net;

namespace PerfMonitor.Deploy.Tests.Support;

/// <summary>An address outside the cluster.</summary>
public sealed record ExternalEndpoint(string Description, IPAddress Address) : Endpoint(Description);

namespace PerfMonitor.Gateway.Routing;

public static class RouteTableEndpoints
{
    /// <summary>
    /// Puts each forwarded route's <see cref="RouteTable.Entry"/> on its endpoint, so access control decides from the very
    /// route YARP matched (including its case-insensitive and trailing-slash matching) rather than from a second matcher.
    /// </summary>
    public static ReverseProxyConventionBuilder WithRouteTableEntries(this ReverseProxyConventionBuilder proxy) =>
        proxy.ConfigureEndpoints((endpoint, route) => endpoint.WithMetadata(ServiceRouteProvider.EntryOf(route)));
}

using PerfMonitor.Gateway.Routing;
using Yarp.ReverseProxy.Configuration;

namespace PerfMonitor.Gateway.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<IProxyConfigProvider, ServiceRouteProvider>();
        builder.Services.AddReverseProxy();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using PerfMonitor.Embedded;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>A quiet minimal web app on a free loopback port, for the receivers tests stand up.</summary>
public static class LoopbackApp
{
    public static (WebApplication App, string BaseUrl) Create()
    {
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        return (Create(baseUrl), baseUrl);
    }

    /// <summary>The same on a given address: a receiver that comes back on the port it went down from.</summary>
    public static WebApplication Create(string baseUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(baseUrl);
        return builder.Build();
    }
}

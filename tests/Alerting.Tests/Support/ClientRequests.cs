using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;
using PerfMonitor.Client;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>Samples made by the client library itself: requests run through its RequestMetricsMiddleware, recorded as a service would.</summary>
public static class ClientRequests
{
    public static async Task<List<Sample>> RecordAsync(string service, IEnumerable<(string Route, string Method, int Status)> requests)
    {
        var options = Options.Create(new PerfMonitorClientOptions { ServiceName = service, Endpoint = new Uri("http://127.0.0.1:9") });
        var buffer = new SampleBuffer(options);
        var recorder = new PerfMonitorRecorder(buffer, options, TimeProvider.System);
        foreach (var (route, method, status) in requests)
        {
            var middleware = new RequestMetricsMiddleware(context =>
            {
                context.Response.StatusCode = status;
                return Task.CompletedTask;
            }, recorder);
            var context = new DefaultHttpContext();
            context.Request.Method = method;
            context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(route), 0, null, route));
            await middleware.InvokeAsync(context);
        }
        buffer.Complete();
        var samples = new List<Sample>();
        await foreach (var sample in buffer.Reader.ReadAllAsync())
        {
            samples.Add(sample);
        }
        return samples;
    }

    /// <summary><paramref name="total"/> requests to one route, <paramref name="errors"/> of them answered 500 and the rest 200.</summary>
    public static IEnumerable<(string Route, string Method, int Status)> Mix(string route, int total, int errors) =>
        Enumerable.Range(0, total).Select(i => (route, "GET", i < total - errors ? 200 : 500));
}

using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace PerfMonitor.Gateway.Routing;

public static class DownstreamProblems
{
    /// <summary>
    /// Turns a failed forward (service down, no healthy replica, timeout) into a 503 (timeout: 504) problem+json that names
    /// the service, instead of YARP's empty 502/503 (or its 400 when the route's timeout ran out).
    /// </summary>
    public static IReverseProxyApplicationBuilder UseDownstreamProblems(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next();
            var error = context.Features.Get<IForwarderErrorFeature>();
            if (error is null || context.Response.HasStarted)
            {
                return;
            }
            if (error.Exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                context.Response.Clear();
                await TypedResults.Problem(new()
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = $"The body exceeds the limit of {context.Request.Path} ({context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes).",
                }).ExecuteAsync(context);
                return;
            }
            // The route's timeout cancels the request's token, which YARP takes for the caller going away (400).
            var timedOut = error.Error is ForwarderError.RequestTimedOut
                || context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true;
            if (!timedOut && error.Error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyClient)
            {
                // The caller's side failed or went away: not the service's fault; YARP's status stands.
                return;
            }
            var service = context.Features.Get<IReverseProxyFeature>()?.Cluster.Config.ClusterId.Split('-')[0] ?? "unknown";
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "5";
            await TypedResults.Problem(new()
            {
                Status = timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status503ServiceUnavailable,
                Title = timedOut ? $"The {service} service did not answer in time" : $"The {service} service is unavailable",
                Detail = $"The gateway could not reach {service}: {error.Error}.",
                Extensions = { ["service"] = service },
            }).ExecuteAsync(context);
        });
        return proxy;
    }
}

namespace PerfMonitor.Collector.Ingestion;

/// <summary>A response of raw bytes with a status code: what protocol receivers answer in their own encodings.</summary>
public sealed class EncodedResult(int status, string contentType, byte[] body) : IResult
{
    public int StatusCode => status;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = body.Length;
        return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}

using System.Globalization;

namespace PerfMonitor.Gateway.Security;

/// <summary>
/// The gateway's own "no": problem+json for HTTP callers, and for gRPC callers the status gRPC defines for it
/// (a trailers-only response), because gRPC clients read HTTP 429 as UNAVAILABLE and 404 without a status as an error.
/// </summary>
public static class Refusal
{
    private const int Unimplemented = 12;
    private const int ResourceExhausted = 8;
    private const int PermissionDenied = 7;
    private const int Unauthenticated = 16;
    private const int Unknown = 2;

    public static Task WriteAsync(HttpContext context, int status, string title, string detail, TimeSpan? retryAfter = null, IDictionary<string, object?>? extensions = null)
    {
        var response = context.Response;
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);
        }
        if (IsGrpc(context.Request))
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = GrpcStatus(status).ToString(CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = Uri.EscapeDataString(detail);
            return Task.CompletedTask;
        }
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }
        if (retryAfter is { } seconds)
        {
            problem.Extensions["retryAfterSeconds"] = Seconds(seconds);
        }
        return TypedResults.Problem(problem).ExecuteAsync(context);
    }

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    private static int GrpcStatus(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status401Unauthorized => Unauthenticated,
        StatusCodes.Status403Forbidden => PermissionDenied,
        StatusCodes.Status404NotFound => Unimplemented,
        StatusCodes.Status429TooManyRequests => ResourceExhausted,
        _ => Unknown,
    };
}

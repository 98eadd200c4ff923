namespace PerfMonitor.PromQL;

/// <summary>
/// A query the engine refuses or cannot evaluate. <see cref="ErrorType"/> is the <c>errorType</c> of Prometheus's
/// HTTP API: <c>bad_data</c> for a query that does not parse or type-check, <c>execution</c> for one that fails while
/// it runs (for example many-to-many matching).
/// </summary>
public class PromQLException(string errorType, string message) : Exception(message)
{
    public const string BadData = "bad_data";

    public const string Execution = "execution";

    public string ErrorType { get; } = errorType;
}

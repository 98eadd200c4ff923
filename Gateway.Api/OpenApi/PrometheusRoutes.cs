namespace PerfMonitor.Gateway.OpenApi;

/// <summary>
/// Prometheus's HTTP API, which analytics serves over the rollups, documented as Prometheus documents it: Grafana's
/// Prometheus data source, promtool and any Prometheus API client use these unchanged. A form POST takes the same
/// parameters as the query string of a GET and, like the GET, only reads.
/// </summary>
public static class PrometheusRoutes
{
    private const string Tag = "Prometheus API";
    private const string Form = "application/x-www-form-urlencoded";
    private const string AsForm = " The same parameters as a form (application/x-www-form-urlencoded), for queries too long for a URL.";

    private static RouteParameter Query(string name, string description, string example, bool required = false) => new(name, "query", required, description, example);

    private static readonly RouteParameter PromQL = Query("query", "A PromQL expression.", "sum by (service) (rate(http_requests_total[5m]))", required: true);
    private static readonly RouteParameter Timeout = Query("timeout", "Evaluation timeout (a duration); at most the server's.", "30s");
    private static readonly RouteParameter Match = Query("match[]", "A series selector; repeat for more.", "up{job=\"node\"}");
    private static readonly RouteParameter Start = Query("start", "RFC 3339 or Unix seconds.", "2026-01-28T09:30:00Z");
    private static readonly RouteParameter End = Query("end", "RFC 3339 or Unix seconds.", "2026-01-28T10:30:00Z");

    private const string Vector = """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"service":"shop"},"value":[1769596200,"12.5"]}]}}""";
    private const string Matrix = """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"service":"shop"},"values":[[1769592600,"11.9"],[1769592660,"12.5"]]}]}}""";
    private const string Labels = """{"status":"success","data":["__name__","job","service"]}""";

    private static IEnumerable<PublicRoute> GetAndPost(string path, string summary, string description, IReadOnlyList<RouteParameter> parameters, string example) =>
    [
        new("GET", path, Tag, summary, description, parameters, null, "200", example),
        new("POST", path, Tag, summary + " (form)", description + AsForm, [], null, "200", example, Form),
    ];

    public static readonly IReadOnlyList<PublicRoute> All =
    [
        .. GetAndPost("/api/v1/query", "PromQL instant query",
            "Evaluates the expression at one time (default: now). Errors are Prometheus's: {status: error, errorType, error}.",
            [PromQL, Query("time", "RFC 3339 or Unix seconds (default: now).", "2026-01-28T10:30:00Z"), Timeout], Vector),
        .. GetAndPost("/api/v1/query_range", "PromQL range query",
            "Evaluates the expression at every step from start to end, over the rollups at the finest resolution the step allows; " +
            "warnings say when the step asks for finer resolution than is stored.",
            [PromQL, Start with { Required = true }, End with { Required = true }, Query("step", "A duration (1m, 5m) or seconds.", "1m", required: true), Timeout], Matrix),
        .. GetAndPost("/api/v1/labels", "Label names", "Every label name, or those of the series the selectors match.", [Match, Start, End], Labels),
        new("POST", "/api/v1/series", Tag, "Series matching selectors (form)",
            "Prometheus's series API: the label sets of the series the match[] selectors select, between start and end." + AsForm,
            [], null, "200", """{"status":"success","data":[{"__name__":"up","job":"node","instance":"host:9100"}]}""", Form),
        new("GET", "/api/v1/label/{name}/values", Tag, "Values of one label", "Every value of the label, or those in the series the selectors match.",
            [new("name", "path", true, "Label name (__name__ for metric names).", "service"), Match, Start, End], null, "200",
            """{"status":"success","data":["checkout","shop"]}"""),
        new("GET", "/api/v1/metadata", Tag, "Metric metadata", "Type, help and unit per metric name.",
            [Query("metric", "One metric name.", "http_requests_total"), Query("limit", "At most this many metrics.", "100")], null, "200",
            """{"status":"success","data":{"http_requests_total":[{"type":"counter","help":"","unit":""}]}}"""),
        new("GET", "/api/v1/status/buildinfo", Tag, "Build information",
            "The Prometheus version whose API and PromQL this follows; Grafana picks the API features it uses by it.", [], null, "200",
            """{"status":"success","data":{"version":"2.42.0"}}"""),
    ];
}

using PerfMonitor.Contracts.Queries;

namespace PerfMonitor.Gateway.OpenApi;

/// <summary>
/// The routes the gateway forwards, described for OpenAPI with an example each. The services own the behaviour;
/// this table owns what a user reads at /docs. The scope each needs comes from what access control enforces.
/// </summary>
public static class PublicRoutes
{
    private static RouteParameter Query(string name, string description, string example, bool required = false) => new(name, "query", required, description, example);

    private static RouteParameter Step(string name) =>
        new(name, "query", false, "Bucket width; empty chooses one from the range.", "1m", RollupSteps.Names);

    private static RouteParameter Id => new("id", "path", true, "Rule id (uuid).", "3f2c1a9e-8a51-4c1e-9a53-2f9d3c1b7e10");

    private const string Rule = """
        {"name":"Checkout latency p95","kind":"threshold","metric":"http_request_duration_ms","labels":{"service":"shop"},
         "aggregation":"p95","window":"5m","condition":"greater_than","threshold":800,"for":"2m","severity":"critical",
         "cooldownMinutes":15,"webhookUrl":"https://hooks.example.com/perfmon","format":"json","enabled":true}
        """;

    private static readonly IReadOnlyList<PublicRoute> Native =
    [
        new("POST", "/api/v1/samples", "Ingest", "Send a batch of samples",
            "JSON batch. 202 with accepted/rejected counts and per-sample errors; 400 when nothing is valid; 413 too large; 503 with Retry-After under backpressure.",
            [], """{"samples":[{"metric":"http_request_duration_ms","labels":{"service":"shop","route":"/checkout"},"value":42.5,"timestamp":"2026-01-28T10:30:00Z"}]}""",
            "202", """{"accepted":1,"rejected":0,"errors":[]}"""),
        new("POST", "/v1/metrics", "Ingest", "OTLP/HTTP metrics",
            "OpenTelemetry OTLP/HTTP export (application/x-protobuf or application/json). Point OTEL_EXPORTER_OTLP_METRICS_ENDPOINT here with an X-Api-Key header.",
            [], """{"resourceMetrics":[]}""", "200", "{}"),
        new("POST", "/api/v1/write", "Ingest", "Prometheus remote write",
            "Snappy-compressed protobuf WriteRequest, as Prometheus' remote_write sends it.", [], null, "204", null, "application/x-protobuf"),

        new("GET", "/api/v1/series", "Query", "Find series",
            "Series by metric name and label filters. With match[] instead, Prometheus's series API answers in Prometheus's form (see the POST).",
            [Query("metric", "Metric name.", "http_request_duration_ms"), Query("labels", "Label filters name:value, comma separated.", "service:shop"),
             Query("match[]", "A Prometheus series selector; repeat for more.", "up{job=\"node\"}")],
            null, "200", """{"series":[{"id":"9f86d081884c7d65","metric":"http_request_duration_ms","labels":{"service":"shop","route":"/checkout"}}]}"""),
        new("GET", "/api/v1/rollups", "Query", "Rollup points",
            "Per-minute or per-hour points with count, sum, min, max, avg, p50, p95 and p99, aggregated over the matching series.",
            [Query("metric", "Metric name.", "http_request_duration_ms", required: true), Query("labels", "Label filters name:value, comma separated.", "service:shop"),
             Query("from", "RFC 3339 start (default: 1h before to).", "2026-01-28T09:30:00Z"), Query("to", "RFC 3339 end (default: now).", "2026-01-28T10:30:00Z"),
             Step("step"), Query("agg", "How series are combined.", "avg")],
            null, "200", """{"metric":"http_request_duration_ms","step":"1m","series":1,"points":[{"time":"2026-01-28T10:29:00Z","count":120,"sum":5400,"min":12,"max":310,"avg":45,"p50":38,"p95":120,"p99":240}]}"""),
        new("GET", "/api/v1/anomalies", "Query", "Detected anomalies",
            "Anomalies with the expected value, the band, a score and a severity.",
            [Query("metric", "Metric name.", "http_request_duration_ms"), Query("from", "RFC 3339 start.", "2026-01-28T09:30:00Z"), Query("limit", "Most recent first, at most this many.", "50")],
            null, "200", """{"anomalies":[{"metric":"http_request_duration_ms","labels":{"service":"shop"},"time":"2026-01-28T10:21:00Z","value":910,"expected":48,"lower":20,"upper":95,"score":6.2,"severity":"critical"}]}"""),
        new("GET", "/api/v1/rollups/late-samples", "Query", "Samples that arrived after their minute closed",
            "How many samples came too late to be counted in their minute, by metric.", [Query("metric", "Metric name.", "http_request_duration_ms")], null, "200", """{"count":0,"items":[]}"""),
        new("GET", "/api/v1/anomalies/backtest", "Query", "Backtest the anomaly detector on stored data",
            "Runs the detector over a past range of one series without storing anything.",
            [Query("metric", "Metric name.", "http_request_duration_ms", required: true), Query("labels", "Label filters.", "service:shop")], null, "200", """{"anomalies":[]}"""),
        new("GET", "/api/v1/performance/summary", "Query", "Performance summary",
            "Requests, error rate and latency over the last hours, overall or for one service.",
            [Query("hours", "Window in hours.", "1"), Query("service", "Limit to one service.", "shop")], null, "200", """{"requestsTotal":2500,"requestsPerSecond":0.69,"averageResponseTimeMs":285,"errorRate":0.01}"""),
        new("GET", "/api/v1/timeseries", "Query", "A metric over the last hours by interval",
            "Shortcut over rollups: hours back from now and an interval (a rollup step).",
            [Query("metric", "Metric name.", "http_request_duration_ms", required: true), Query("hours", "Window in hours.", "24"), Step("interval") with { Example = "1h" }, Query("labels", "Label filters.", "service:shop")],
            null, "200", """{"metric":"http_request_duration_ms","interval":"1h","points":[]}"""),
        new("GET", "/api/v1/health-scores", "Query", "Health score per service",
            "Score 0-100, status (excellent 80+, good 60+, fair 40+, poor), the component breakdown and recommendations.",
            [], null, "200", """{"services":[{"service":"shop","score":87.3,"status":"excellent","components":[{"name":"latency","score":92},{"name":"errors","score":80}],"recommendations":["p95 latency of /checkout rose 30% in the last hour"]}]}"""),
        new("GET", "/api/v1/overview", "Overview", "The whole system on one screen",
            "Composed by the gateway from analytics (health scores, anomalies of the last hour) and alerting (firing alerts). A source that cannot answer leaves its part empty and is named in sources.",
            [], null, "200", """{"generatedAt":"2026-01-28T10:30:00Z","performanceScore":87.3,"systemHealth":"excellent","services":[{"name":"shop","score":87.3,"status":"excellent","components":[{"name":"latency","score":92,"weight":0.3,"value":0.92,"detail":"Apdex 0.92 against 300 ms; p95 180 ms"}],"recommendations":[]}],"activeAlerts":{"count":1,"bySeverity":{"critical":1},"items":[]},"recentAnomalies":[],"ingestRate":{"requestsPerSecond":3.2,"bytesPerSecond":81234},"recommendations":["shop: p95 latency of /checkout rose 30% in the last hour"],"sources":{"health-scores":"ok","anomalies":"ok","alerts":"ok"}}"""),

        new("GET", "/api/v1/alert-rules", "Alerting", "List alert rules", "Every rule, built-in ones included.", [], null, "200", $"[{Rule}]"),
        new("POST", "/api/v1/alert-rules", "Alerting", "Create an alert rule",
            "Kinds threshold, anomaly, health, absence, expr (a PromQL expression with for). 400 validation problem naming each invalid field.", [], Rule, "201", Rule),
        new("POST", "/api/v1/alert-rules/import", "Alerting", "Import a Prometheus rule file",
            "Body: the rule file's YAML (Content-Type application/yaml), as promtool check rules accepts it. All rules or none are imported; 400 names the failing place, e.g. groups[0].rules[1].expr.",
            [], null, "200", $$"""{"rules":[{{Rule}}],"skippedRecordingRules":["job:http_requests:rate5m"]}"""),
        new("GET", "/api/v1/alert-rules/{id}", "Alerting", "Get a rule", "", [Id], null, "200", Rule),
        new("PUT", "/api/v1/alert-rules/{id}", "Alerting", "Replace a rule", "Also how a rule is enabled or disabled (enabled: true|false).", [Id], Rule, "200", Rule),
        new("DELETE", "/api/v1/alert-rules/{id}", "Alerting", "Delete a rule", "", [Id], null, "204", null),
        new("POST", "/api/v1/alert-rules/{id}/test", "Alerting", "Send a test notification now",
            "Delivers a test notification to the rule's webhook and reports the outcome.", [Id], null, "200", """{"delivered":true,"statusCode":200}"""),
        new("GET", "/api/v1/alerts", "Alerting", "Alert instances and their history",
            "Filter by state (pending, firing, resolved).", [Query("state", "pending | firing | resolved.", "firing")],
            null, "200", """{"alerts":[{"id":"b1f0c2d4-4c55-4a0f-9f1e-0b8e9d7a6c11","ruleId":"3f2c1a9e-8a51-4c1e-9a53-2f9d3c1b7e10","ruleName":"Checkout latency p95","state":"firing","severity":"critical","value":912,"labels":{"service":"shop"},"startsAt":"2026-01-28T10:22:00Z","history":[{"state":"pending","at":"2026-01-28T10:20:00Z"},{"state":"firing","at":"2026-01-28T10:22:00Z"}]}]}"""),
        new("GET", "/api/v1/silences", "Alerting", "List silences", "", [], null, "200",
            """[{"id":"6a1d...","matchers":[{"name":"service","op":"=","value":"shop"}],"startsAt":"2026-01-28T10:00:00Z","endsAt":"2026-01-28T12:00:00Z","comment":"deploy"}]"""),
        new("POST", "/api/v1/silences", "Alerting", "Mute alerts by label matchers for a window", "",
            [], """{"matchers":[{"name":"service","op":"=","value":"shop"}],"startsAt":"2026-01-28T10:00:00Z","endsAt":"2026-01-28T12:00:00Z","comment":"deploy"}""", "201", null),
        new("DELETE", "/api/v1/silences/{id}", "Alerting", "End a silence", "", [new("id", "path", true, "Silence id.", "6a1d3c2b-0000-4000-8000-000000000000")], null, "204", null),
        new("POST", "/api/v1/alert-rules/{id}/evaluate", "Alerting", "Evaluate a rule now",
            "Evaluates the rule against the current window of every matching series and returns each instance's state.", [Id], null, "200", """[{"seriesId":"123","labels":{"service":"shop"},"state":"firing","value":912,"changed":true}]"""),
        new("POST", "/api/v1/silences/{id}/expire", "Alerting", "Expire a silence now", "", [new("id", "path", true, "Silence id.", "6a1d3c2b-0000-4000-8000-000000000000")], null, "204", null),
        new("GET", "/api/v1/notifications/breakers", "Alerting", "Circuit breaker state per webhook host", "", [], null, "200", """{"hooks.example.com":"Closed"}"""),
        new("POST", "/api/v1/notifications/{id}/replay", "Alerting", "Send a dead-lettered notification again", "",
            [new("id", "path", true, "Notification id.", "0c9f3a2e-0000-4000-8000-000000000000")], null, "202", null),
        new("GET", "/api/v1/notifications", "Alerting", "Notification delivery log",
            "Attempts, status codes, the webhook circuit breaker state and dead letters.", [], null, "200",
            """{"notifications":[{"id":"...","ruleName":"Checkout latency p95","target":"https://hooks.example.com/perfmon","status":"delivered","attempts":1,"statusCode":200,"at":"2026-01-28T10:22:01Z"}],"breakers":[{"target":"hooks.example.com","state":"closed"}]}"""),
        // perfmon.v1 over JSON (gRPC JSON transcoding in the owning service): the gRPC messages in proto3 JSON form.
        new("GET", "/api/v1/rpc/query/rollups", "gRPC as JSON", "perfmon.v1.Query/GetRollups",
            "The gRPC method as JSON: query parameters are RollupsRequest's fields; the body is RollupsResponse. Errors: {code, message} with the gRPC status code.",
            [Query("metric", "Metric name.", "http_request_duration_ms", required: true), Query("labels", "Label filters name:value, comma separated.", "service:shop"),
             Query("from", "RFC 3339 start.", "2026-01-28T09:30:00Z"), Query("to", "RFC 3339 end.", "2026-01-28T10:30:00Z"), Step("step")],
            null, "200", """{"metric":"http_request_duration_ms","labels":{"service":"shop"},"from":"2026-01-28T09:30:00Z","to":"2026-01-28T10:30:00Z","step":"1m","aggregation":"avg","series":1,"points":[{"time":"2026-01-28T10:29:00Z","count":120,"sum":5400,"min":12,"max":310,"avg":45,"p50":38,"p95":120,"p99":240,"rate":2,"value":45}]}"""),
        new("GET", "/api/v1/rpc/query/series", "gRPC as JSON", "perfmon.v1.Query/ListSeries", "SeriesRequest as query parameters.",
            [Query("metric", "Metric name.", "http_request_duration_ms"), Query("labels", "Label filters.", "service:shop"), Query("limit", "At most this many.", "100")],
            null, "200", """{"count":1,"series":[{"id":"11529215046068469760","metric":"http_request_duration_ms","labels":{"service":"shop"},"kind":"gauge","firstSeen":"2026-01-28T09:00:00Z"}]}"""),
        new("GET", "/api/v1/rpc/query/anomalies", "gRPC as JSON", "perfmon.v1.Query/ListAnomalies", "AnomaliesRequest as query parameters.",
            [Query("metric", "Metric name.", "http_request_duration_ms"), Query("severity", "info | warning | critical and above.", "warning")], null, "200", """{"count":0,"anomalies":[]}"""),
        new("GET", "/api/v1/rpc/query/health-scores", "gRPC as JSON", "perfmon.v1.Query/GetHealthScores", "HealthScoresRequest as query parameters.",
            [Query("service", "One service (default: all).", "shop"), Query("historyHours", "Hours of score history per service.", "0")], null, "200", """{"performanceScore":87.3,"status":"excellent","services":[]}"""),
        new("GET", "/api/v1/rpc/query/performance-summary", "gRPC as JSON", "perfmon.v1.Query/GetPerformanceSummary", "PerformanceSummaryRequest as query parameters.",
            [Query("hours", "Window in hours.", "1"), Query("service", "Limit to one service.", "shop")], null, "200", """{"hours":1,"requestsTotal":2500,"requestsPerSecond":0.69,"errorRate":0.01}"""),
        new("GET", "/api/v1/rpc/alerts/rules", "gRPC as JSON", "perfmon.v1.Alerts/ListRules", "", [], null, "200", """{"rules":[]}"""),
        new("POST", "/api/v1/rpc/alerts/rules", "gRPC as JSON", "perfmon.v1.Alerts/CreateRule", "The body is an AlertRuleSpec; 400 {code: 3, message} names each invalid field.",
            [], """{"name":"CPU high","kind":"threshold","metric":"cpu_usage_percent","aggregation":"avg","window":"1m","condition":"greater_than","threshold":95,"severity":"warning"}""",
            "200", """{"id":"3f2c1a9e-8a51-4c1e-9a53-2f9d3c1b7e10","name":"CPU high","kind":"threshold","metric":"cpu_usage_percent","aggregation":"avg","window":"1m","condition":"greater_than","threshold":95,"severity":"warning","enabled":true}"""),
        new("GET", "/api/v1/rpc/alerts/rules/{id}", "gRPC as JSON", "perfmon.v1.Alerts/GetRule", "", [Id], null, "200", """{"id":"3f2c1a9e-8a51-4c1e-9a53-2f9d3c1b7e10","name":"CPU high"}"""),
        new("PUT", "/api/v1/rpc/alerts/rules/{id}", "gRPC as JSON", "perfmon.v1.Alerts/UpdateRule", "The body is the AlertRuleSpec that replaces the rule.",
            [Id], """{"name":"CPU high","kind":"threshold","metric":"cpu_usage_percent","threshold":90,"enabled":false}""", "200", """{"id":"3f2c1a9e-8a51-4c1e-9a53-2f9d3c1b7e10","name":"CPU high","threshold":90}"""),
        new("DELETE", "/api/v1/rpc/alerts/rules/{id}", "gRPC as JSON", "perfmon.v1.Alerts/DeleteRule", "", [Id], null, "200", "{}"),
        new("GET", "/api/v1/rpc/alerts", "gRPC as JSON", "perfmon.v1.Alerts/ListAlerts", "ListAlertsRequest as query parameters.",
            [Query("state", "inactive | pending | firing | resolved.", "firing"), Query("ruleId", "One rule.", "3f2c1a9e-8a51-4c1e-9a53-2f9d3c1b7e10")], null, "200", """{"alerts":[]}"""),
    ];

    /// <remarks>Declared after the lists it joins: static fields are initialised in the order they are written.</remarks>
    public static readonly IReadOnlyList<PublicRoute> All = [.. Native, .. ReliabilityRoutes.All, .. PrometheusRoutes.All, .. AcknowledgeRoutes.All];
}

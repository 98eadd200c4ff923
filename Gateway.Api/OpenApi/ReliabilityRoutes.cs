namespace PerfMonitor.Gateway.OpenApi;

/// <summary>
/// Receivers and the routing tree, SLOs with their burn-rate rules and error budget, and the daily and weekly reports,
/// which alerting serves. Reads need the read scope, changes the write scope, as every alerting route.
/// </summary>
public static class ReliabilityRoutes
{
    private const string Tag = "Reliability";
    private const string Routing = "Receivers and routing";

    private static RouteParameter Query(string name, string description, string example) => new(name, "query", false, description, example);

    private static readonly RouteParameter SloId = new("id", "path", true, "SLO id (uuid).", "5b0c6a52-1f1e-4f9a-9a55-7d1c3e2b9a10");
    private static readonly RouteParameter ReportId = new("id", "path", true, "Report id (uuid).", "0f3e8d12-6a0b-4c55-8f2e-1b9d7c6a5e40");
    private static readonly RouteParameter ScheduleKind = new("kind", "path", true, "daily | weekly.", "weekly");
    private const string ScheduleAnswer = """{"kind":"weekly","cron":"0 8 * * 1","timeZone":"UTC","nextRun":"2026-01-26T08:00:00Z","receivers":["oncall-mail"]}""";

    private const string Slo = """
        {"name":"checkout-availability","service":"shop","objective":99.9,"window":"30d",
         "indicator":{"kind":"ratio","good":"http_requests_total{service=\"shop\",code!~\"5..\"}","total":"http_requests_total{service=\"shop\"}"}}
        """;

    private const string SloAnswer = """
        {"id":"5b0c6a52-1f1e-4f9a-9a55-7d1c3e2b9a10","name":"checkout-availability","service":"shop","objective":99.9,"window":"30d",
         "indicator":{"kind":"ratio","good":"http_requests_total{service=\"shop\",code!~\"5..\"}","total":"http_requests_total{service=\"shop\"}"},
         "rules":[{"id":"2d4f...","name":"checkout-availability burn rate (page)","severity":"critical"},{"id":"8e1a...","name":"checkout-availability burn rate (ticket)","severity":"warning"}]}
        """;

    private const string Receiver = """
        {"name":"team-db","kind":"slack","secret":"https://hooks.slack.com/services/T000/B000/XXXX","sendResolved":true}
        """;

    private const string ReceiverAnswer = """{"name":"team-db","kind":"slack","target":"https://hooks.slack.com/services/...","hasSecret":true,"email":null,"sendResolved":true}""";

    private static readonly RouteParameter Name = new("name", "path", true, "Receiver name.", "team-db");

    public static readonly IReadOnlyList<PublicRoute> All =
    [
        new("GET", "/api/v1/receivers", Routing, "List receivers", "Secrets are write-only: never returned.", [], null, "200", $"[{ReceiverAnswer}]"),
        new("POST", "/api/v1/receivers", Routing, "Create a receiver",
            "Kinds: webhook, slack, msteams, email (SMTP), pagerduty (Events API v2), alertmanager (push). `secret` is the signing key, Slack/Teams URL, SMTP password or PagerDuty routing key; 400 problem+json names each invalid field, 409 when the name is taken.",
            [], Receiver, "201", ReceiverAnswer),
        new("GET", "/api/v1/receivers/{name}", Routing, "Get a receiver", "", [Name], null, "200", ReceiverAnswer),
        new("PUT", "/api/v1/receivers/{name}", Routing, "Replace a receiver", "A PUT without `secret` keeps the stored one; an empty string removes it.", [Name], Receiver, "200", ReceiverAnswer),
        new("DELETE", "/api/v1/receivers/{name}", Routing, "Delete a receiver", "409 while the routing tree sends to it.", [Name], null, "204", null),
        new("GET", "/api/v1/routing", Routing, "The routing tree and inhibit rules", "", [], null, "200",
            """{"route":{"receiver":"team-db","group_by":["alertname","service"],"routes":[{"matchers":["severity=\"critical\""],"receiver":"oncall-mail","continue":true}]},"inhibit_rules":[]}"""),
        new("PUT", "/api/v1/routing", Routing, "Replace the routing tree and inhibit rules",
            "JSON, or Alertmanager's YAML (`route:`, `inhibit_rules:`, `time_intervals:`) with Content-Type application/yaml; receivers are referenced by name.",
            [], """{"route":{"receiver":"team-db","group_by":["alertname","service"],"group_wait":"30s"},"inhibit_rules":[{"source_matchers":["alertname=\"ServiceDown\""],"target_matchers":["severity=\"warning\""],"equal":["service"]}]}""",
            "200", null),
        new("POST", "/api/v1/routing/dry-run", Routing, "Which receivers an alert with these labels reaches",
            "Each matching route's path, group labels, timings and whether a time interval mutes it now.",
            [], """{"labels":{"alertname":"HighLatency","service":"shop","severity":"critical"}}""", "200",
            """{"receivers":["oncall-mail"],"routes":[{"receiver":"oncall-mail","route":"/0","groupBy":["alertname","service"],"groupLabels":{"alertname":"HighLatency","service":"shop"},"groupWait":"0s","groupInterval":"5m","repeatInterval":"4h","mutedNow":false}]}"""),
        new("GET", "/api/v1/slos", Tag, "List SLOs", "Every SLO with the burn-rate rules it keeps.", [], null, "200", $"[{SloAnswer}]"),
        new("POST", "/api/v1/slos", Tag, "Create an SLO",
            "A ratio (good/total selectors) or latency (histogram and threshold) indicator, an objective in percent and a window (default 30d). Creates the multi-window, multi-burn-rate rules (1h/5m at 14.4 and 6h/30m at 6 page; 1d/2h at 3 and 3d/6h at 1 ticket); 400 problem+json names each invalid field.",
            [], Slo, "201", SloAnswer),
        new("GET", "/api/v1/slos/{id}", Tag, "Get an SLO", "", [SloId], null, "200", SloAnswer),
        new("PUT", "/api/v1/slos/{id}", Tag, "Replace an SLO", "Its burn-rate rules are rewritten to match.", [SloId], Slo, "200", SloAnswer),
        new("DELETE", "/api/v1/slos/{id}", Tag, "Delete an SLO", "Its burn-rate rules go with it.", [SloId], null, "204", null),
        new("GET", "/api/v1/slos/{id}/budget", Tag, "Error budget remaining over time",
            "Remaining budget (1 = untouched, below 0 = spent) and burn rate at each step, from analytics' PromQL API.",
            [SloId, Query("start", "RFC 3339 or Unix seconds (default: a window back).", "2026-01-21T10:00:00Z"),
             Query("end", "RFC 3339 or Unix seconds (default: now).", "2026-01-28T10:00:00Z"), Query("step", "Point spacing.", "1h")],
            null, "200", """{"points":[{"time":"2026-01-28T10:00:00Z","remaining":0.75,"burnRate":0.25}]}"""),
        new("GET", "/api/v1/reports", Tag, "Kept reports, newest first", "",
            [Query("kind", "daily | weekly.", "weekly"), Query("limit", "At most this many (1-500, default 50).", "10")],
            null, "200", """[{"id":"0f3e8d12-6a0b-4c55-8f2e-1b9d7c6a5e40","kind":"weekly","periodStart":"2026-01-19T00:00:00Z","periodEnd":"2026-01-26T00:00:00Z"}]"""),
        new("POST", "/api/v1/reports", Tag, "Make a report now", "The report for the last complete daily or weekly period.",
            [], """{"kind":"daily"}""", "201", """{"id":"0f3e8d12-6a0b-4c55-8f2e-1b9d7c6a5e40","kind":"daily"}"""),
        new("GET", "/api/v1/reports/{id}", Tag, "A report's numbers",
            "Health per service, alerts fired and their time to resolve, anomalies, slowest routes (p95 top 10), week-over-week change.",
            [ReportId], null, "200", """{"id":"0f3e8d12-6a0b-4c55-8f2e-1b9d7c6a5e40","kind":"daily","services":[],"alerts":[],"anomalies":[],"slowestRoutes":[]}"""),
        new("GET", "/api/v1/reports/schedules", Tag, "Who gets each report", "Each schedule (daily, weekly) with its cron, next run and the receivers its report is sent to.",
            [], null, "200", $"[{ScheduleAnswer}]"),
        new("PUT", "/api/v1/reports/schedules/{kind}", Tag, "Send a schedule's reports to receivers",
            "E-mail receivers get the HTML page, Slack blocks, Teams a card, webhooks JSON, through the notification outbox; 400 problem+json names receivers[i] for an unknown, repeated, PagerDuty or Alertmanager receiver.",
            [ScheduleKind], """{"receivers":["oncall-mail"]}""", "200", ScheduleAnswer),
        new("GET", "/api/v1/reports/{id}/html", Tag, "A report as an HTML page", "text/html: the page the dashboard shows and e-mail carries.", [ReportId], null, "200", null),
    ];
}

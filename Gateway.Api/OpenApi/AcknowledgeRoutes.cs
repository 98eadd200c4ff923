namespace PerfMonitor.Gateway.OpenApi;

/// <summary>
/// Acknowledging an alert: by API (write scope) and gRPC as JSON, and through the signed link in notifications, which
/// needs no key (its token, signed by alerting and expiring, is the authorization).
/// </summary>
public static class AcknowledgeRoutes
{
    private const string Tag = "Alerting";

    private static readonly RouteParameter AlertId = new("id", "path", true, "The alert's id: the fingerprint GET /api/v1/alerts lists and notifications carry.", "a3c1f0e29b7d4e15");
    private static readonly RouteParameter Token = new("token", "path", true, "The signed token of a notification's acknowledge link.", "CfDJ8...");

    private const string Request = """{"by":"alice","comment":"looking into it"}""";

    private const string Acknowledged = """
        {"id":"a3c1f0e29b7d4e15","ruleId":"3f2c1a9e-8a51-4c1e-9a53-2f9d3c1b7e10","ruleName":"Checkout latency p95","state":"firing","severity":"critical",
         "acknowledgedBy":"alice","acknowledgedAt":"2026-01-28T10:25:00Z","acknowledgeComment":"looking into it"}
        """;

    public static readonly IReadOnlyList<PublicRoute> All =
    [
        new("POST", "/api/v1/alerts/{id}/acknowledge", Tag, "Acknowledge a firing alert",
            "Who (`by`, required) and an optional comment are kept and shown with the alert until it resolves or fires again. An acknowledged alert gets no reminders (repeat_interval) and does not escalate. 400 problem+json names the field, 404 for no such alert, 409 when it does not fire.",
            [AlertId], Request, "200", Acknowledged),
        new("POST", "/api/v1/rpc/alerts/{id}/acknowledge", "gRPC as JSON", "perfmon.v1.Alerts/AcknowledgeAlert",
            "The body is an AcknowledgeAlertRequest; NOT_FOUND (5) for no such alert, FAILED_PRECONDITION (9) when it does not fire.", [AlertId], Request, "200", Acknowledged),
        new("GET", "/ack/{token}", Tag, "Open an acknowledge link",
            "An HTML confirmation page; opening the link acknowledges nothing, so mail scanners and link previews cannot. 400 for a changed token, 410 for an expired one.",
            [Token], null, "200", null),
        new("POST", "/ack/{token}", Tag, "Acknowledge through an acknowledge link",
            "The confirmation page's form (by and comment optional); answers an HTML page. 409 when the firing the link was sent for has ended.",
            [Token], null, "200", null, "application/x-www-form-urlencoded"),
    ];
}

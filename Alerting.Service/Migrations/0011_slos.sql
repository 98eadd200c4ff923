-- Service level objectives. Each owns the expr rules that alert on its error-budget burn (perfmon.slo_rules): they are
-- written from the SLO on every change and at start-up, and refused to hand edits.
CREATE TABLE perfmon.slos (
    id             uuid             PRIMARY KEY,
    name           text             NOT NULL UNIQUE,
    service        text             NOT NULL,
    objective      double precision NOT NULL,
    window_seconds integer          NOT NULL,
    indicator      jsonb            NOT NULL,
    description    text             NOT NULL DEFAULT '',
    created_at     timestamptz      NOT NULL DEFAULT now(),
    updated_at     timestamptz      NOT NULL DEFAULT now()
);

CREATE TABLE perfmon.slo_rules (
    rule_id uuid PRIMARY KEY REFERENCES perfmon.alert_rules (id) ON DELETE CASCADE,
    slo_id  uuid NOT NULL REFERENCES perfmon.slos (id) ON DELETE CASCADE
);
CREATE INDEX slo_rules_slo ON perfmon.slo_rules (slo_id);

-- Seed 002's targets table, where PerfMonitor receives a metric that measures it: every service's own ASP.NET Core
-- request histogram (OTLP http.server.request.duration, in seconds, sent by ServiceDefaults to the collector), here the
-- gateway's. "System Availability 99.9%": requests without a 5xx status. "P99 Latency < 200ms": 99 % of requests in the
-- bucket le="0.25", the histogram's nearest bound at or above 200 ms (ASP.NET Core's buckets have no 0.2).
-- Their rules are written at start-up; a user may edit or delete these SLOs like any other.
INSERT INTO perfmon.slos (id, name, service, objective, window_seconds, indicator, description) VALUES
    ('00000000-0000-4000-8000-00000000a001', 'gateway-availability', 'gateway', 99.9, 2592000,
     '{"kind":"ratio","good":"http_server_request_duration_count{service=\"gateway\",http_response_status_code!~\"5..\"}","total":"http_server_request_duration_count{service=\"gateway\"}","histogram":"","threshold":0}',
     'Seed 002 target: system availability 99.9 % (requests through the gateway that are not answered 5xx).'),
    ('00000000-0000-4000-8000-00000000a002', 'gateway-latency-p99', 'gateway', 99, 2592000,
     '{"kind":"latency","good":"","total":"","histogram":"http_server_request_duration{service=\"gateway\"}","threshold":0.25}',
     'Seed 002 target: P99 latency under 200 ms, measured at the histogram bound 250 ms.')
ON CONFLICT (id) DO NOTHING;

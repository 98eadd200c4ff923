-- Scheduled reports as they were generated: the numbers (JSON), the HTML page and the Slack blocks. One per kind and
-- period end, so replicas that both find a report due keep one.
CREATE TABLE perfmon.reports (
    id           uuid        PRIMARY KEY,
    kind         text        NOT NULL,
    period_start timestamptz NOT NULL,
    period_end   timestamptz NOT NULL,
    generated_at timestamptz NOT NULL,
    summary      jsonb       NOT NULL,
    html         text        NOT NULL,
    slack        jsonb       NOT NULL,
    UNIQUE (kind, period_end)
);
CREATE INDEX reports_generated ON perfmon.reports (generated_at DESC);

CREATE TABLE perfmon.alert_rules (
    id               uuid             PRIMARY KEY,
    name             text             NOT NULL,
    kind             text             NOT NULL,
    metric           text             NOT NULL,
    labels           jsonb            NOT NULL DEFAULT '{}',
    aggregation      text             NOT NULL,
    window_seconds   integer          NOT NULL,
    condition        text             NOT NULL,
    threshold        double precision NOT NULL,
    for_seconds      integer          NOT NULL,
    severity         text             NOT NULL,
    cooldown_minutes integer          NOT NULL,
    webhook_url      text             NOT NULL,
    format           text             NOT NULL,
    enabled          boolean          NOT NULL,
    created_at       timestamptz      NOT NULL DEFAULT now(),
    updated_at       timestamptz      NOT NULL DEFAULT now()
);

-- One alert instance per rule and series, with its current state.
CREATE TABLE perfmon.alerts (
    rule_id     uuid             NOT NULL REFERENCES perfmon.alert_rules (id) ON DELETE CASCADE,
    series_id   bigint           NOT NULL,
    labels      jsonb            NOT NULL,
    state       text             NOT NULL,
    value       double precision NOT NULL,
    active_at   timestamptz,
    fired_at    timestamptz,
    resolved_at timestamptz,
    updated_at  timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (rule_id, series_id)
);

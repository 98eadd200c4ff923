-- Who acknowledged an alert, when, and why. The acknowledgement holds for the firing it was given in: it counts while
-- acknowledged_at >= fired_at, so a re-fire (a new fired_at) needs a new one. Written without touching version, so the
-- evaluator's compare-and-set never loses to an acknowledgement.
ALTER TABLE perfmon.alerts
    ADD COLUMN acknowledged_at      timestamptz,
    ADD COLUMN acknowledged_by      text,
    ADD COLUMN acknowledged_comment text;

-- One row per escalation made: the primary key makes "once per alert firing and route" hold across restarts and replicas.
-- resolved_notified_at: when the escalation receiver was told the firing ended (so it is told once, too).
CREATE TABLE perfmon.alert_escalations (
    rule_id      uuid        NOT NULL,
    series_id    bigint      NOT NULL,
    fired_at     timestamptz NOT NULL,
    route_key    text        NOT NULL,
    receiver     text        NOT NULL,
    escalated_at timestamptz NOT NULL DEFAULT now(),
    resolved_notified_at timestamptz,
    PRIMARY KEY (rule_id, series_id, fired_at, route_key)
);

-- Rules gain a write-only signing secret, label matchers, flap control and the anomaly severity floor.
ALTER TABLE perfmon.alert_rules
    ADD COLUMN secret                  text,
    ADD COLUMN matchers                jsonb            NOT NULL DEFAULT '[]',
    ADD COLUMN recovery_threshold      double precision,
    ADD COLUMN keep_firing_for_seconds integer          NOT NULL DEFAULT 0,
    ADD COLUMN repeat_interval_seconds integer          NOT NULL DEFAULT 0,
    ADD COLUMN min_severity            text             NOT NULL DEFAULT 'warning',
    ADD COLUMN builtin                 boolean          NOT NULL DEFAULT false;

-- version makes every transition a compare-and-set, so two replicas evaluating one series fire it once.
ALTER TABLE perfmon.alerts
    ADD COLUMN version          bigint      NOT NULL DEFAULT 0,
    ADD COLUMN last_breach_at   timestamptz,
    ADD COLUMN last_notified_at timestamptz,
    ADD COLUMN silenced         boolean     NOT NULL DEFAULT false;

CREATE INDEX alerts_state ON perfmon.alerts (state);

-- Every transition of every alert instance.
CREATE TABLE perfmon.alert_history (
    id         bigserial        PRIMARY KEY,
    rule_id    uuid             NOT NULL,
    series_id  bigint           NOT NULL,
    from_state text             NOT NULL,
    to_state   text             NOT NULL,
    value      double precision NOT NULL,
    silenced   boolean          NOT NULL DEFAULT false,
    at         timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX alert_history_instance ON perfmon.alert_history (rule_id, series_id, at);

-- The outbox: written in the transaction that changes an alert's state, drained by the dispatcher.
-- No foreign key to the rule: the delivery log outlives a deleted rule.
CREATE TABLE perfmon.notifications (
    id               uuid        PRIMARY KEY,
    rule_id          uuid        NOT NULL,
    series_id        bigint,
    event            text        NOT NULL,
    url              text        NOT NULL,
    host             text        NOT NULL,
    format           text        NOT NULL,
    body             text        NOT NULL,
    signature        text,
    status           text        NOT NULL DEFAULT 'pending',
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz,
    dead_at          timestamptz,
    last_status_code integer,
    last_error       text
);
CREATE INDEX notifications_due ON perfmon.notifications (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notifications_created ON perfmon.notifications (created_at DESC);

CREATE TABLE perfmon.notification_attempts (
    id              bigserial        PRIMARY KEY,
    notification_id uuid             NOT NULL REFERENCES perfmon.notifications (id) ON DELETE CASCADE,
    at              timestamptz      NOT NULL DEFAULT now(),
    status_code     integer,
    latency_ms      double precision NOT NULL,
    outcome         text             NOT NULL,
    error           text,
    breaker_state   text             NOT NULL
);
CREATE INDEX notification_attempts_notification ON perfmon.notification_attempts (notification_id, at);

CREATE TABLE perfmon.silences (
    id         uuid        PRIMARY KEY,
    matchers   jsonb       NOT NULL,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    created_by text        NOT NULL DEFAULT '',
    comment    text        NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
);

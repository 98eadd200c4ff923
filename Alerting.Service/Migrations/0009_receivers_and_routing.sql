-- Named receivers: a rule no longer needs a webhook of its own; the routing tree picks receivers by an alert's labels.
-- secret holds the kind's credential (signing key, Slack/Teams URL, SMTP password, PagerDuty routing key), encrypted with
-- the Data Protection key ring.
CREATE TABLE perfmon.receivers (
    name           text        PRIMARY KEY,
    kind           text        NOT NULL,
    url            text        NOT NULL DEFAULT '',
    secret         text,
    email          jsonb,
    send_resolved  boolean     NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- The routing tree, inhibit rules and time intervals: one document, replaced as a whole; version tells replicas it changed.
CREATE TABLE perfmon.routing_config (
    id         smallint    PRIMARY KEY CHECK (id = 1),
    config     jsonb       NOT NULL,
    version    bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- A grouped notification names its receiver (resolved again when sent, so a secret never sits in the outbox) and its group.
ALTER TABLE perfmon.notifications
    ADD COLUMN receiver  text,
    ADD COLUMN group_key text;

-- Aggregation groups of the routing tree (Alertmanager's dispatcher state), so a restart neither loses nor repeats a group:
-- what each group last told its receiver (the firing alerts by fingerprint, with what a resolved notice needs), and when.
CREATE TABLE perfmon.notification_groups (
    group_key      text        PRIMARY KEY,
    receiver       text        NOT NULL,
    route_key      text        NOT NULL,
    first_seen_at  timestamptz NOT NULL,
    last_sent_at   timestamptz,
    sent           jsonb       NOT NULL DEFAULT '{}'
);

-- Which firing alert inhibits this one (its alertname and fingerprint), shown in the alert view; null when none.
ALTER TABLE perfmon.alerts ADD COLUMN inhibited_by text;

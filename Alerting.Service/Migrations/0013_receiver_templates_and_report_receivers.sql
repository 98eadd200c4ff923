-- A receiver's own title and body templates (Fluid, Liquid syntax); null renders the kind's default, as before.
ALTER TABLE perfmon.receivers
    ADD COLUMN title_template text,
    ADD COLUMN body_template  text;

-- Who gets each kind of report: receivers by name, sent through the notification outbox like alerts.
CREATE TABLE perfmon.report_schedules (
    kind       text        PRIMARY KEY,
    receivers  text[]      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

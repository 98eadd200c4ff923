-- Rules of kind 'expr' hold a PromQL expression evaluated on the analytics service; each series it returns is an alert.
-- Annotations (summary, description, runbook_url, ...) travel with every notification of any rule.
ALTER TABLE perfmon.alert_rules
    ADD COLUMN expr        text,
    ADD COLUMN annotations jsonb NOT NULL DEFAULT '{}';

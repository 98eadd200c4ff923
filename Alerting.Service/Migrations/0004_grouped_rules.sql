-- Threshold rules may aggregate the samples of several series: group_by names the labels that split the matching series
-- into groups (one alert instance per group; empty: per series, as before), and aggregation 'ratio' counts the share of
-- samples whose series also match numerator. A grouped instance is stored under a group id in alerts.series_id.
ALTER TABLE perfmon.alert_rules
    ADD COLUMN group_by  jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN numerator jsonb NOT NULL DEFAULT '[]';

-- The built-in error-rate rule watched a gauge nothing emits. What the client library emits is one
-- http_request_duration_ms sample per request, labelled with service, route, method and status: the error rate is
-- the share of 5xx samples per service. Only a rule still as shipped is changed; an edited one is the user's.
UPDATE perfmon.alert_rules
SET metric = 'http_request_duration_ms', group_by = '["service"]', aggregation = 'ratio',
    numerator = '[{"name":"status","op":"=~","value":"5.."}]', window_seconds = 300, condition = 'greater_than', threshold = 1,
    recovery_threshold = 0.5, for_seconds = 300, updated_at = now()
WHERE id = '00000000-0000-4000-8000-000000000005' AND metric = 'http_error_rate_percent';

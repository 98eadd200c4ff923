-- Built-in rules from the thresholds users of such systems expect. They ship enabled and without a webhook: they
-- evaluate from the first sample and show in /api/v1/alerts, and notify nobody until a user sets webhookUrl (PUT).
-- Fixed ids so scripts and docs can name them; a user may edit, disable or delete any of them.
INSERT INTO perfmon.alert_rules
    (id, name, kind, metric, labels, aggregation, window_seconds, condition, threshold, for_seconds, severity, cooldown_minutes,
     webhook_url, format, enabled, recovery_threshold, keep_firing_for_seconds, builtin)
VALUES
    ('00000000-0000-4000-8000-000000000001', 'Performance score below 70', 'health', 'health_score', '{}', 'avg', 300, 'less_than', 70, 0,
     'warning', 15, '', 'json', true, 75, 0, true),
    ('00000000-0000-4000-8000-000000000002', 'Performance score below 50', 'health', 'health_score', '{}', 'avg', 300, 'less_than', 50, 0,
     'critical', 15, '', 'json', true, 55, 0, true),
    ('00000000-0000-4000-8000-000000000003', 'Connection pool utilization above 80%', 'threshold', 'db_pool_utilization_percent', '{}', 'avg', 60,
     'greater_than', 80, 120, 'warning', 10, '', 'json', true, 70, 60, true),
    ('00000000-0000-4000-8000-000000000004', 'p95 latency above target (500 ms)', 'threshold', 'http_request_duration_ms', '{}', 'p95', 300,
     'greater_than', 500, 300, 'warning', 15, '', 'json', true, 400, 60, true),
    -- Needs a gauge of the error percentage per service: one series cannot be divided by another in a per-series rule.
    ('00000000-0000-4000-8000-000000000005', 'Error rate above 1%', 'threshold', 'http_error_rate_percent', '{}', 'avg', 300,
     'greater_than', 1, 300, 'error', 15, '', 'json', true, 0.5, 60, true),
    ('00000000-0000-4000-8000-000000000006', 'CPU above 70% sustained', 'threshold', 'cpu_usage_percent', '{}', 'avg', 300,
     'greater_than', 70, 300, 'warning', 15, '', 'json', true, 60, 60, true),
    ('00000000-0000-4000-8000-000000000007', 'Memory above 80%', 'threshold', 'memory_usage_percent', '{}', 'avg', 300,
     'greater_than', 80, 300, 'warning', 15, '', 'json', true, 75, 60, true)
ON CONFLICT (id) DO NOTHING;

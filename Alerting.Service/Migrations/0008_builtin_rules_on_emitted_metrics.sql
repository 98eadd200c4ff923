-- The built-in pool, CPU and memory rules watched names nothing sends (db_pool_utilization_percent, cpu_usage_percent,
-- memory_usage_percent). They now watch what the collector's own probes emit: the PostgreSQL probe's
-- postgres_pool_utilization_percent{server} (connections in use / max_connections) and the host probe's
-- host_cpu_usage_percent{host} and host_memory_usage_percent{host}. Only a rule still as shipped is changed; an edited
-- one is the user's.
UPDATE perfmon.alert_rules SET metric = 'postgres_pool_utilization_percent', updated_at = now()
WHERE id = '00000000-0000-4000-8000-000000000003' AND metric = 'db_pool_utilization_percent';
UPDATE perfmon.alert_rules SET metric = 'host_cpu_usage_percent', updated_at = now()
WHERE id = '00000000-0000-4000-8000-000000000006' AND metric = 'cpu_usage_percent';
UPDATE perfmon.alert_rules SET metric = 'host_memory_usage_percent', updated_at = now()
WHERE id = '00000000-0000-4000-8000-000000000007' AND metric = 'memory_usage_percent';

-- Two more from the thresholds such systems ship with: a buffer cache hit ratio below 75 % (the PostgreSQL probe's
-- postgres_cache_hit_ratio{server,database}, 0..1), and waiting more than 500 ms on average for a database connection,
-- timed with the client library around the pool's open (monitor.Time("connection_wait") records
-- operation_duration_ms{service,operation="connection_wait"}). Same defaults as the others: enabled, no webhook.
INSERT INTO perfmon.alert_rules
    (id, name, kind, metric, labels, aggregation, window_seconds, condition, threshold, for_seconds, severity, cooldown_minutes,
     webhook_url, format, enabled, recovery_threshold, keep_firing_for_seconds, builtin)
VALUES
    ('00000000-0000-4000-8000-000000000008', 'Cache hit ratio below 75%', 'threshold', 'postgres_cache_hit_ratio', '{}', 'avg', 300,
     'less_than', 0.75, 300, 'warning', 15, '', 'json', true, 0.8, 60, true),
    ('00000000-0000-4000-8000-000000000009', 'Connection wait above 500 ms', 'threshold', 'operation_duration_ms',
     '{"operation":"connection_wait"}', 'avg', 300, 'greater_than', 500, 300, 'warning', 15, '', 'json', true, 400, 60, true)
ON CONFLICT (id) DO NOTHING;

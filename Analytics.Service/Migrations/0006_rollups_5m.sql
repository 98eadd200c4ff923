-- Five-minute rollups, derived by HourlyRollupJob from the same minute rows as the hour (and in the same transaction):
-- steps of 5, 15 and 30 minutes read closed hours from here instead of minutes (24 h of 200 series: 58k rows written
-- together per series, instead of 288k minute rows scattered in time order). Partitioned by day like the minutes.
-- The hour's columns, in its order and with its NOT NULLs: queries read both tables with one statement
-- (Queries/RollupRowsSql.cs). LIKE copies no index, so the key is declared again.
CREATE TABLE perfmon.rollups_5m (LIKE perfmon.rollups_1h, PRIMARY KEY (series_id, bucket)) PARTITION BY RANGE (bucket);
-- The hourly job replaces an hour's rows by bucket range, which the (series_id, bucket) key cannot find without
-- reading the whole day; rows are written hour by hour, so a block-range index finds them for a few pages.
CREATE INDEX rollups_5m_bucket_brin ON perfmon.rollups_5m USING brin (bucket) WITH (pages_per_range = 16, autosummarize = on);

-- Hours rolled up before this table existed have no five-minute rows, and a query would read them from here as closed:
-- mark every past hour of the existing minute partitions dirty, so the hourly job rolls them up again (hour rows
-- unchanged, five-minute rows added) and queries read those hours from minutes until it has. Until that backlog is
-- worked off (oldest first, Rollups:Hourly:MaxHoursPerRound a round; 30 days at 10,000 series is about an hour),
-- queries at steps of 5 minutes and up read minutes from the oldest hour not yet redone: slower, never wrong.
INSERT INTO perfmon.rollup_hours_dirty (hour)
SELECT h
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
JOIN pg_class p ON p.oid = i.inhparent
JOIN pg_namespace n ON n.oid = p.relnamespace,
LATERAL generate_series(to_date(right(c.relname, 8), 'YYYYMMDD')::timestamp AT TIME ZONE 'UTC',
                        to_date(right(c.relname, 8), 'YYYYMMDD')::timestamp AT TIME ZONE 'UTC' + interval '23 hours',
                        interval '1 hour') AS h
WHERE n.nspname = 'perfmon' AND p.relname = 'rollups_1m' AND h < date_trunc('hour', now())
ON CONFLICT DO NOTHING;

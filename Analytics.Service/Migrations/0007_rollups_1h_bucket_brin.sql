-- The hourly job replaces an hour's row of every series with DELETE ... WHERE bucket = $1, which the (series_id, bucket)
-- key cannot serve: it read the whole month partition (720 hours of every series) once per hour rolled up. Hour rows
-- are written hour by hour, so a block-range index finds one hour's pages, as on rollups_1m and rollups_5m.
CREATE INDEX rollups_1h_bucket_brin ON perfmon.rollups_1h USING brin (bucket) WITH (pages_per_range = 16, autosummarize = on);

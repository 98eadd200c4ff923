-- PromQL and the rollups API read a series' five-minute and hour rows by the (series_id, bucket) key, but the rows
-- themselves are stored in the order the hourly job writes them, hour by hour across every series: a 7-day read of one
-- series touched 168 heap pages, one per row, and 2,000 series 336,000 pages (the 7 d queries of docs/benchmarks.md
-- ran past 10 s). The key now carries every column a read needs but the sketch (docs/promql.md, "Reading the rollups"),
-- so such a read is an index-only scan over a few key pages per series, in series order. Quantile reads still fetch the
-- sketch from the row. The hourly job deletes and copies rows (never ON CONFLICT), so only the key's width changes.
ALTER TABLE perfmon.rollups_1h
    DROP CONSTRAINT rollups_1h_pkey,
    ADD CONSTRAINT rollups_1h_pkey PRIMARY KEY (series_id, bucket)
        INCLUDE (count, sum, min, max, last, last_at_ms, first, first_at_ms, prev_last, prev_last_at_ms, bucket_increase, sum_dt, sum_dt2, sum_dt_v);
ALTER TABLE perfmon.rollups_5m
    DROP CONSTRAINT rollups_5m_pkey,
    ADD CONSTRAINT rollups_5m_pkey PRIMARY KEY (series_id, bucket)
        INCLUDE (count, sum, min, max, last, last_at_ms, first, first_at_ms, prev_last, prev_last_at_ms, bucket_increase, sum_dt, sum_dt2, sum_dt_v);

-- What PromQL reads from a bucket besides count, sum, min, max and the last sample (docs/promql.md), on the minute,
-- five-minute and hour rows alike: the first sample and its time, the second-to-last sample and its time (NULL when
-- the row holds one sample), the counter increase between the row's own samples (bucket_increase: unlike increase,
-- it never holds the step from a sample of an earlier minute, and it is kept for every series, since PromQL may rate()
-- any series), and deriv's regression sums over the sample times in seconds after the bucket start (sum_dt, sum_dt2,
-- sum_dt_v). Rows written before this migration have NULL here and are read as if first = last, bucket_increase = 0
-- and every sample sat at the last one (Rollups/BucketColumns.cs): rate and increase over them count the steps from
-- one row's last sample to the next. Nullable columns without a default are added without rewriting a row.
ALTER TABLE perfmon.rollups_1m
    ADD COLUMN first double precision, ADD COLUMN first_at_ms bigint,
    ADD COLUMN prev_last double precision, ADD COLUMN prev_last_at_ms bigint,
    ADD COLUMN bucket_increase double precision,
    ADD COLUMN sum_dt double precision, ADD COLUMN sum_dt2 double precision, ADD COLUMN sum_dt_v double precision;
ALTER TABLE perfmon.rollups_5m
    ADD COLUMN first double precision, ADD COLUMN first_at_ms bigint,
    ADD COLUMN prev_last double precision, ADD COLUMN prev_last_at_ms bigint,
    ADD COLUMN bucket_increase double precision,
    ADD COLUMN sum_dt double precision, ADD COLUMN sum_dt2 double precision, ADD COLUMN sum_dt_v double precision;
ALTER TABLE perfmon.rollups_1h
    ADD COLUMN first double precision, ADD COLUMN first_at_ms bigint,
    ADD COLUMN prev_last double precision, ADD COLUMN prev_last_at_ms bigint,
    ADD COLUMN bucket_increase double precision,
    ADD COLUMN sum_dt double precision, ADD COLUMN sum_dt2 double precision, ADD COLUMN sum_dt_v double precision;

-- A counter's temporality as its samples say (Sample.temporality): 'cumulative' running totals that reset to zero,
-- or 'delta' increments. Rates and increases of a delta counter add its samples up; series stored before this column
-- existed were all read as running totals.
ALTER TABLE perfmon.series ADD COLUMN temporality text NOT NULL DEFAULT 'cumulative';

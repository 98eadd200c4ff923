-- Hourly rollups, derived from the minute rows by HourlyRollupJob; partitioned by month (400 days of retention).
-- The minute's columns as 0001 made them (taken before the minute table gains its own increase and sketch below, so
-- the hour has them last and without a default), then the counter increase and the merged sketch.
CREATE TABLE perfmon.rollups_1h (
    LIKE perfmon.rollups_1m,
    increase double precision NOT NULL,
    sketch   bytea,
    PRIMARY KEY (series_id, bucket)
) PARTITION BY RANGE (bucket);

-- Quantile sketch (DDSketch, 1% relative accuracy) per series-minute: read, merged and rewritten by the flush
-- that touches the row, under the row lock, in the same transaction as the offsets.
ALTER TABLE perfmon.rollups_1m ADD COLUMN sketch bytea;
-- Counter increase attributed to this minute (resets handled); the per-second rate is increase / step seconds.
ALTER TABLE perfmon.rollups_1m ADD COLUMN increase double precision NOT NULL DEFAULT 0;

ALTER TABLE perfmon.series ADD COLUMN kind text NOT NULL DEFAULT 'gauge';
ALTER TABLE perfmon.series ADD COLUMN unit text NOT NULL DEFAULT '';

-- The event-time watermark (largest sample time seen) of a partition, stored with its offset so a replay
-- classifies every sample as on-time or late exactly as the first run did.
ALTER TABLE perfmon.consumer_offsets ADD COLUMN watermark_ms bigint;

-- The last value of each counter series, stored with the offsets: rates stay exact across restarts and rebalances.
CREATE TABLE perfmon.counter_state (
    series_id  bigint           PRIMARY KEY,
    partition  integer          NOT NULL,
    last_ms    bigint           NOT NULL,
    last_value double precision NOT NULL
);
CREATE INDEX counter_state_partition_idx ON perfmon.counter_state (partition);

-- Samples that arrived later than the allowed lateness: not merged, but counted per series and minute.
CREATE TABLE perfmon.late_samples (
    series_id  bigint      NOT NULL,
    bucket     timestamptz NOT NULL,
    count      bigint      NOT NULL,
    last_seen  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (series_id, bucket)
);
CREATE INDEX late_samples_last_seen_idx ON perfmon.late_samples (last_seen);


-- Hours whose minute rows changed since they were last rolled up; marked by every flush.
CREATE TABLE perfmon.rollup_hours_dirty (
    hour timestamptz PRIMARY KEY
);

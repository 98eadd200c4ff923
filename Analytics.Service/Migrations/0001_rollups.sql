-- Series seen by analytics: the id is the XxHash64 of metric and sorted labels, stored bit-for-bit as bigint.
CREATE TABLE perfmon.series (
    series_id  bigint      PRIMARY KEY,
    metric     text        NOT NULL,
    labels     jsonb       NOT NULL,
    first_seen timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX series_metric_idx ON perfmon.series (metric);
CREATE INDEX series_labels_idx ON perfmon.series USING gin (labels jsonb_path_ops);

-- One row per series and minute; partitioned by day so retention drops whole partitions.
CREATE TABLE perfmon.rollups_1m (
    series_id  bigint           NOT NULL,
    bucket     timestamptz      NOT NULL,
    count      bigint           NOT NULL,
    sum        double precision NOT NULL,
    min        double precision NOT NULL,
    max        double precision NOT NULL,
    last       double precision NOT NULL,
    last_at_ms bigint           NOT NULL,
    PRIMARY KEY (series_id, bucket)
) PARTITION BY RANGE (bucket);

-- The next Kafka offset to read per consumer group and partition, written in the same transaction as the
-- rows those offsets produced: a crash or a rebalance replays from here and never counts a sample twice.
CREATE TABLE perfmon.consumer_offsets (
    consumer_group text        NOT NULL,
    topic          text        NOT NULL,
    partition      integer     NOT NULL,
    next_offset    bigint      NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition)
);

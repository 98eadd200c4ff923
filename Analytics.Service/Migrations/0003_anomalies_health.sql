-- Anomalies found by the online detectors; (series, minute, detector) is unique so a re-run never duplicates.
CREATE TABLE perfmon.anomalies (
    id          uuid             PRIMARY KEY,
    series_id   bigint           NOT NULL,
    metric      text             NOT NULL,
    labels      jsonb            NOT NULL,
    bucket      timestamptz      NOT NULL,
    detector    text             NOT NULL,
    value       double precision NOT NULL,
    expected    double precision NOT NULL,
    lower       double precision NOT NULL,
    upper       double precision NOT NULL,
    score       double precision NOT NULL,
    severity    text             NOT NULL,
    detected_at timestamptz      NOT NULL DEFAULT now(),
    UNIQUE (series_id, bucket, detector)
);
CREATE INDEX anomalies_bucket_idx ON perfmon.anomalies (bucket DESC);
CREATE INDEX anomalies_metric_idx ON perfmon.anomalies (metric, bucket DESC);

-- Health score history per service ('*' is the system-wide performance score).
CREATE TABLE perfmon.health_scores (
    service         text             NOT NULL,
    time            timestamptz      NOT NULL,
    score           double precision NOT NULL,
    status          text             NOT NULL,
    components      jsonb            NOT NULL,
    recommendations jsonb            NOT NULL,
    PRIMARY KEY (service, time)
);
CREATE INDEX health_scores_time_idx ON perfmon.health_scores (time DESC);

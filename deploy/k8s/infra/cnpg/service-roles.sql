-- PerfMonitor's PostgreSQL roles, one per service, each with only the rights it needs (docs/security.md).
-- Run by a superuser in the metrics database, before the services start; safe to run again at any time.
-- It creates the roles without LOGIN: whoever runs it gives them LOGIN and a password (the AppHost from
-- password files in its data folder, CloudNativePG from the Secrets named in its managed roles).
--
--   perfmon_analytics  owns and migrates the analytics tables (rollups, series, anomalies, offsets, ...)
--   perfmon_alerting   owns and migrates the alerting tables (rules, alerts, notifications, keys, ...)
--   perfmon_collector  reads PostgreSQL's statistics (pg_monitor) and the stored Kafka offsets; writes nothing
-- The gateway has no database connection.
DO $roles$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['perfmon_analytics', 'perfmon_alerting', 'perfmon_collector'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
        END IF;
    END LOOP;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO perfmon_analytics, perfmon_alerting, perfmon_collector', current_database());
    -- The services' migrators start with CREATE SCHEMA IF NOT EXISTS, which PostgreSQL checks against this right.
    EXECUTE format('GRANT CREATE ON DATABASE %I TO perfmon_analytics, perfmon_alerting', current_database());
END
$roles$;

GRANT pg_monitor TO perfmon_collector;

-- The schema and the migration ledger belong to the superuser that runs this file, so neither migrating
-- service can lock the other out of them, whichever starts first.
CREATE SCHEMA IF NOT EXISTS perfmon;
GRANT USAGE, CREATE ON SCHEMA perfmon TO perfmon_analytics, perfmon_alerting;
GRANT USAGE ON SCHEMA perfmon TO perfmon_collector;
CREATE TABLE IF NOT EXISTS perfmon.schema_migrations (
    owner      text        NOT NULL,
    version    text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, version));
GRANT SELECT, INSERT ON perfmon.schema_migrations TO perfmon_analytics, perfmon_alerting;

-- Functions a service creates later are not callable by everyone (PostgreSQL's default grants EXECUTE to PUBLIC);
-- tables already start with no rights for anyone but their owner.
ALTER DEFAULT PRIVILEGES FOR ROLE perfmon_analytics, perfmon_alerting REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- A database migrated before these roles existed: each table moves to the service that created it (the alerting
-- tables of that time by name, everything else is analytics'), so each service can migrate and write its own.
DO $owners$
DECLARE
    relation record;
BEGIN
    FOR relation IN
        SELECT c.relname,
               CASE WHEN c.relname IN ('alert_rules', 'alerts', 'alert_history', 'notifications', 'notification_attempts',
                                       'silences', 'data_protection_keys')
                    THEN 'perfmon_alerting' ELSE 'perfmon_analytics' END AS new_owner
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'perfmon'
          AND c.relname <> 'schema_migrations'
          AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND pg_get_userbyid(c.relowner) NOT IN ('perfmon_analytics', 'perfmon_alerting')
    LOOP
        EXECUTE format('ALTER TABLE perfmon.%I OWNER TO %I', relation.relname, relation.new_owner);
    END LOOP;
END
$owners$;

-- The collector's Kafka lag probe reads the offsets analytics stores with its rollups (also granted by the
-- analytics migration that runs when the table is new).
DO $offsets$
BEGIN
    IF to_regclass('perfmon.consumer_offsets') IS NOT NULL THEN
        GRANT SELECT ON perfmon.consumer_offsets TO perfmon_collector;
    END IF;
END
$offsets$;

-- The collector's Kafka lag probe reads the offsets stored with the rollups, and nothing else of analytics'.
-- Only where the per-service roles exist (deploy/k8s/infra/cnpg/service-roles.sql); a single-role database needs no grant.
DO $grant$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'perfmon_collector') THEN
        GRANT SELECT ON perfmon.consumer_offsets TO perfmon_collector;
    END IF;
END
$grant$;

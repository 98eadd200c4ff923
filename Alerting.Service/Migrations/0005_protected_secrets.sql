-- Webhook secrets are encrypted with ASP.NET Core Data Protection. secret_protected tells an encrypted secret from one an
-- earlier version stored in plaintext; the service encrypts those at start-up (PlaintextSecretMigration).
ALTER TABLE perfmon.alert_rules ADD COLUMN secret_protected boolean NOT NULL DEFAULT false;

-- The Data Protection key ring every replica shares (unless Alerting:DataProtection:KeyRingPath puts it in a folder).
CREATE TABLE perfmon.data_protection_keys (
    id            bigserial   PRIMARY KEY,
    friendly_name text        NOT NULL,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- A dispatcher claims a row by leasing it (committed before it sends) instead of locking it for the whole send: a slow
-- receiver holds no lock, and a row whose dispatcher died is claimable again once lease_until passes.
ALTER TABLE perfmon.notifications
    ADD COLUMN lease_until timestamptz,
    ADD COLUMN lease_token uuid;

-- The retention job deletes delivered and dead rows by the time they finished.
CREATE INDEX notifications_finished ON perfmon.notifications ((coalesce(delivered_at, dead_at))) WHERE status <> 'pending';

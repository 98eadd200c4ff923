-- The alerts that joined a group after its last notification was written. While that notification waits for a receiver
-- that is down, an alert may join the group and resolve again; the group's next notification reports it resolved, also
-- after a restart, instead of never telling the receiver it fired.
ALTER TABLE perfmon.notification_groups ADD COLUMN joined jsonb NOT NULL DEFAULT '{}';

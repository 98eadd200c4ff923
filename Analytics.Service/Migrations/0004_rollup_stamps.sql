-- Which flush last wrote a minute row: a random stamp per flush. The consumer that wrote it keeps the row (sketch
-- and aggregates) in memory and overwrites it without reading it back only while the stamp is still its own;
-- any other writer changes the stamp, and a row written before this column existed has none.
ALTER TABLE perfmon.rollups_1m ADD COLUMN stamp bigint;

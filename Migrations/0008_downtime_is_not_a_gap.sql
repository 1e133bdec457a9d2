-- The collector's own downtime between two runs is no longer stored as a gap of every container:
-- the next run reads back from Docker what every container still there wrote meanwhile, so those
-- spans hold records and a marker over them said what was not true. The downtime is known from
-- collector_runs (aclog status and the report show it); a container removed while the collector
-- was away gets a gap of its own.
DELETE FROM gaps WHERE container IS NULL AND reason LIKE 'collector not running%';

-- export/copy_window: one window of the attached database `src` into this new one, as stored:
-- the containers asked for, their records (the search index is rebuilt after), the per-minute
-- counts, events, gaps and samples of every tier that overlap the window, the collector's runs
-- clipped to it, the alerts notified in it, and the settings. The window is whole minutes, so the
-- counts hold exactly the records copied.
-- :containers JSON array of container ids; :since :until ns
INSERT INTO main.containers SELECT * FROM src.containers WHERE id IN (SELECT value FROM json_each(:containers));
INSERT INTO main.records SELECT * FROM src.records
 WHERE container IN (SELECT value FROM json_each(:containers)) AND ts >= :since AND ts < :until;
INSERT INTO main.record_counts SELECT * FROM src.record_counts
 WHERE container IN (SELECT value FROM json_each(:containers)) AND minute >= :since AND minute < :until;
INSERT INTO main.events SELECT * FROM src.events
 WHERE container IN (SELECT value FROM json_each(:containers)) AND ts >= :since AND ts < :until;
INSERT INTO main.gaps (id, container, start_ts, end_ts, reason)
SELECT id, container, max(start_ts, :since), min(end_ts, :until), reason FROM src.gaps
 WHERE (container IS NULL OR container IN (SELECT value FROM json_each(:containers))) AND end_ts > :since AND start_ts < :until;
INSERT INTO main.samples SELECT * FROM src.samples
 WHERE container IN (SELECT value FROM json_each(:containers)) AND ts >= :since AND ts < :until;
INSERT INTO main.samples_1m SELECT * FROM src.samples_1m
 WHERE container IN (SELECT value FROM json_each(:containers)) AND ts > :since - 60000000000 AND ts < :until;
INSERT INTO main.samples_1h SELECT * FROM src.samples_1h
 WHERE container IN (SELECT value FROM json_each(:containers)) AND ts > :since - 3600000000000 AND ts < :until;
INSERT INTO main.collector_runs (id, started, heartbeat, stopped, pid, docker, settled, engine_down_since)
SELECT id, max(started, :since), min(heartbeat, :until), min(coalesce(stopped, heartbeat), :until), pid, docker,
       min(coalesce(settled, heartbeat), :until), engine_down_since
FROM src.collector_runs WHERE coalesce(stopped, heartbeat) > :since AND started < :until;
INSERT INTO main.alert_notifications SELECT * FROM src.alert_notifications WHERE made_ts >= :since AND made_ts < :until;
INSERT INTO main.alerts SELECT * FROM src.alerts WHERE id IN (SELECT alert FROM main.alert_notifications);
INSERT INTO main.settings SELECT * FROM src.settings;
INSERT OR REPLACE INTO main.settings (key, value) VALUES ('export_since', :since), ('export_until', :until);
-- A container's totals are those of the window.
UPDATE main.containers SET
    record_count = (SELECT count(*) FROM main.records AS r WHERE r.container = containers.id),
    first_ts = (SELECT min(ts) FROM main.records AS r WHERE r.container = containers.id),
    last_ts = (SELECT max(ts) FROM main.records AS r WHERE r.container = containers.id);
INSERT INTO main.records_fts (records_fts) VALUES ('rebuild');
-- Where the copied records lie by time, as migration 15 finds it for an older database.
INSERT INTO main.record_spans (first_id, last_id, min_ts, max_ts, records)
SELECT min(id), max(id), min(ts), max(ts), count(*) FROM main.records GROUP BY id / 16384;

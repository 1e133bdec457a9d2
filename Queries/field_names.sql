-- field_names: the field names of the newest :limit records of the containers in a time range, to suggest the closest to a name no record has.
-- :containers JSON array of container ids; :since :until ns since the epoch, UTC.
SELECT DISTINCT j.key
FROM (SELECT r.format, r.message, r.fields
      FROM records AS r
      WHERE r.container IN (SELECT value FROM json_each(:containers))
        AND r.ts >= :since AND r.ts < :until
      ORDER BY r.ts DESC
      LIMIT :limit) AS r,
     json_each(record_fields(r.format, r.message, r.fields)) AS j
ORDER BY j.key;

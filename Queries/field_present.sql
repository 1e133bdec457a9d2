-- field_present: 1 when a record of the containers in a time range has the field :path ($."key"); tail names a field no record has.
-- :containers JSON array of container ids; :since :until ns since the epoch, UTC.
SELECT 1
FROM records AS r
WHERE r.container IN (SELECT value FROM json_each(:containers))
  AND r.ts >= :since AND r.ts < :until
  AND json_extract(record_fields(r.format, r.message, r.fields), :path) IS NOT NULL
LIMIT 1;

-- store/delete_counts: a container's per-minute counts before a minute, whose records all went.
DELETE FROM record_counts WHERE container = ? AND minute < ?;

-- store/alert_mark_failed: an attempt that failed; tried again at ?3, or given up (?4 not NULL).
UPDATE alert_notifications SET attempts = attempts + 1, error = ?2, due_ts = ?3, failed_ts = ?4 WHERE id = ?1;

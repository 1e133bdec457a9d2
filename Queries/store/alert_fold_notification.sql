-- store/alert_fold_notification: more occurrences told by a notification not yet handed to its
-- channel (and, for a catch-up summary, its summary naming one more service).
UPDATE alert_notifications SET count = ?2, records = ?3, summary = coalesce(?4, summary)
WHERE id = ?1 AND sent_ts IS NULL AND attempts = 0;

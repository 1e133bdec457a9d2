-- store/alert_fold_notification: more occurrences told by a notification not yet handed to its channel.
UPDATE alert_notifications SET count = ?2, records = ?3 WHERE id = ?1 AND sent_ts IS NULL AND attempts = 0;

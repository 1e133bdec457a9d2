-- store/alert_mark_sent: a notification its channel accepted.
UPDATE alert_notifications SET sent_ts = ?2, attempts = attempts + 1, error = NULL WHERE id = ?1;

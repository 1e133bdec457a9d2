-- store/alert_next_due: when the next waiting notification is due (NULL: none waits).
SELECT min(due_ts) FROM alert_notifications WHERE sent_ts IS NULL AND failed_ts IS NULL;

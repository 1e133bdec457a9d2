-- store/alert_insert_notification: a notification of an alert to one channel, sent once `due_ts` comes.
INSERT INTO alert_notifications (alert, channel, state, made_ts, due_ts, time_ts, container, summary, value, count, records)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11);

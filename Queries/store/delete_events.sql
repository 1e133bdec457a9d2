-- store/delete_events: container events older than their retention.
DELETE FROM events WHERE ts < ?;

-- newest_event_id: the id of the last event stored (0: none); `tail -f` shows the events after it.
SELECT coalesce(max(id), 0) FROM events;

-- collector_state: the last collector run: pid, stopped (NULL while running or after a crash), the time before which every record is stored (NULL: not known), its last heartbeat, and since when the Docker engine has not answered it (NULL: it answers).
SELECT pid, stopped, settled, heartbeat, engine_down_since FROM collector_runs ORDER BY id DESC LIMIT 1;

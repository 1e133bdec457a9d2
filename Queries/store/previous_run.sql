-- store/previous_run: when the last run stopped (or last beat), and whether it stopped without shutting down.
SELECT coalesce(stopped, heartbeat), stopped IS NULL FROM collector_runs ORDER BY id DESC LIMIT 1;

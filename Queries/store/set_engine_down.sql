-- store/set_engine_down: since when the Docker engine has not answered this run (NULL: it answers again).
UPDATE collector_runs SET engine_down_since = ? WHERE id = ?;

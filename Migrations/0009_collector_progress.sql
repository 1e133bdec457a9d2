-- What a follower of the database (`aclog tail -f`) may print: every record of a time before
-- `settled` is stored. Records still being read (a traceback waiting for its next line) hold it
-- back; with none, it is the time of the commit. NULL for runs of an older aclog.
ALTER TABLE collector_runs ADD COLUMN settled INTEGER;

-- Since when the Docker engine has not answered the running collector (NULL: it answers): the
-- containers' states are as of then, and `aclog ps` says so.
ALTER TABLE collector_runs ADD COLUMN engine_down_since INTEGER;

-- first_run: when the first collector run on this database started (NULL: none ever ran: the data was imported).
SELECT min(started) FROM collector_runs;

-- Where the OTLP log export to each endpoint stands (`aclog collect --otlp`). The database is the
-- export's queue: `last_id` moves only once the receiver has acknowledged every record up to it,
-- in the writer's transaction, so a killed collector or a receiver that is down loses nothing and
-- sends at most the batch in flight again.
CREATE TABLE export_cursors (
    endpoint     TEXT    PRIMARY KEY,               -- the logs URL records are posted to
    last_id      INTEGER NOT NULL DEFAULT 0,        -- every record with a lower or equal id was acknowledged
    sent         INTEGER NOT NULL DEFAULT 0,        -- records the receiver took
    rejected     INTEGER NOT NULL DEFAULT 0,        -- records it refused (partial success, or a batch answered 400)
    missed       INTEGER NOT NULL DEFAULT 0,        -- records retention deleted before they were sent
    started      INTEGER NOT NULL,                  -- when export to this endpoint began, ns
    last_success INTEGER,                           -- the last acknowledged batch, ns
    last_error   TEXT                               -- the last failure, NULL once a batch got through
) WITHOUT ROWID;

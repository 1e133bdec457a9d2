-- Alerts (the configuration's `alerts.rules`): one row per alert, keyed by its rule, its service and,
-- for `match` and `new_signature`, the error signature; its state survives the collector.
-- An instant alert (a match, a crash) is firing until its cooldown has passed since it last
-- occurred; a held one (unhealthy, a rate, a resource) until its condition ends ('resolved').
CREATE TABLE alerts (
    id             INTEGER PRIMARY KEY,
    rule           TEXT    NOT NULL,
    service        TEXT    NOT NULL,                -- '' for a catch-up summary of every service
    key            TEXT    NOT NULL DEFAULT '',     -- the error signature, or '' for none
    state          TEXT    NOT NULL,                -- 'firing' | 'resolved'
    container      TEXT,                            -- of the latest occurrence
    first_ts       INTEGER NOT NULL,                -- the first occurrence of this firing
    last_ts        INTEGER NOT NULL,                -- the latest occurrence
    occurrences    INTEGER NOT NULL DEFAULT 0,      -- since it began firing
    notified_ts    INTEGER,                         -- when its last notification was made
    unsent         INTEGER NOT NULL DEFAULT 0,      -- occurrences since then, counted, not sent
    unsent_records TEXT,                            -- up to 10 of them, a JSON array
    UNIQUE (rule, service, key)
);

-- The outbox and the history: one row per notification per channel. A row waits until `due` (the
-- group wait, then each retry's backoff); while it has not been handed to its channel, repeats of
-- its alert fold into it. `sent_ts` or `failed_ts` ends it.
CREATE TABLE alert_notifications (
    id        INTEGER PRIMARY KEY,
    alert     INTEGER NOT NULL REFERENCES alerts(id),
    channel   TEXT    NOT NULL,
    state     TEXT    NOT NULL,                     -- 'firing' | 'resolved'
    made_ts   INTEGER NOT NULL,
    due_ts    INTEGER NOT NULL,
    time_ts   INTEGER NOT NULL,                     -- the occurrence it tells of
    container TEXT,
    summary   TEXT    NOT NULL,
    value     TEXT,
    count     INTEGER NOT NULL,
    records   TEXT    NOT NULL,                     -- up to 10 records, a JSON array
    attempts  INTEGER NOT NULL DEFAULT 0,
    sent_ts   INTEGER,
    failed_ts INTEGER,                              -- given up: retried for the whole retry span
    error     TEXT                                  -- the last attempt's failure
);
CREATE INDEX alert_notifications_waiting ON alert_notifications(due_ts) WHERE sent_ts IS NULL AND failed_ts IS NULL;
CREATE INDEX alert_notifications_alert ON alert_notifications(alert);

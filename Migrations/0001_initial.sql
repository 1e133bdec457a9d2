-- aclog schema, version 1.
-- Times are integers: nanoseconds since the Unix epoch, UTC.
-- Levels: 0 unknown, 1 trace, 2 debug, 3 info, 4 warn, 5 error, 6 fatal.
-- Streams: 1 stdout, 2 stderr.

-- One row per container the collector has seen. A compose service groups the containers that
-- were created for it, so records of one service stay together across re-creations.
CREATE TABLE containers (
    id           INTEGER PRIMARY KEY,
    docker_id    TEXT    NOT NULL UNIQUE,        -- full 64-hex id
    name         TEXT    NOT NULL,               -- without the leading '/'
    service      TEXT    NOT NULL,               -- compose service label, else the name
    project      TEXT,                           -- compose project label
    image        TEXT    NOT NULL DEFAULT '',
    state        TEXT    NOT NULL DEFAULT 'unknown',
    first_seen   INTEGER NOT NULL,
    last_seen    INTEGER NOT NULL,
    -- Kept by the writer at ingest so that `aclog ps` never scans records.
    record_count INTEGER NOT NULL DEFAULT 0,
    first_ts     INTEGER,
    last_ts      INTEGER
);
CREATE INDEX containers_service ON containers(service);
CREATE INDEX containers_name ON containers(name);

-- One row per log record (a line, or later a whole multi-line record).
CREATE TABLE records (
    id        INTEGER PRIMARY KEY,
    ts        INTEGER NOT NULL,                  -- the Docker timestamp
    container INTEGER NOT NULL REFERENCES containers(id),
    stream    INTEGER NOT NULL,
    level     INTEGER NOT NULL DEFAULT 0,
    message   TEXT    NOT NULL,                  -- without ANSI codes and carriage returns
    raw       TEXT,                              -- the line as printed, when it differs from message
    fields    TEXT                               -- JSON object, or NULL when there are none
);
CREATE INDEX records_container_ts ON records(container, ts);
CREATE INDEX records_ts ON records(ts);

-- Where each container's stream was read up to: the timestamp of the last stored line and how
-- many stored lines carry exactly that timestamp. `docker logs --since` is inclusive, so a
-- follower that resumes drops the lines at or before this point.
CREATE TABLE checkpoints (
    container INTEGER NOT NULL REFERENCES containers(id),
    stream    INTEGER NOT NULL,
    ts        INTEGER NOT NULL,
    count_at_ts INTEGER NOT NULL,
    PRIMARY KEY (container, stream)
) WITHOUT ROWID;

-- Container lifecycle from `docker events`: create, start, restart, die, stop, kill, oom,
-- destroy, pause, unpause, health_status.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    ts         INTEGER NOT NULL,
    container  INTEGER NOT NULL REFERENCES containers(id),
    action     TEXT    NOT NULL,
    exit_code  INTEGER,
    detail     TEXT                             -- health status, signal, ...
);
CREATE INDEX events_container_ts ON events(container, ts);
CREATE UNIQUE INDEX events_identity ON events(container, ts, action);

-- Spans in which records may be missing, and why.
CREATE TABLE gaps (
    id        INTEGER PRIMARY KEY,
    container INTEGER REFERENCES containers(id), -- NULL: every container
    start_ts  INTEGER NOT NULL,
    end_ts    INTEGER NOT NULL,
    reason    TEXT    NOT NULL
);
CREATE INDEX gaps_start ON gaps(start_ts);

-- One row per run of `aclog collect`; heartbeat advances while it runs.
CREATE TABLE collector_runs (
    id         INTEGER PRIMARY KEY,
    started    INTEGER NOT NULL,
    heartbeat  INTEGER NOT NULL,
    stopped    INTEGER,                          -- NULL while running or after a crash
    pid        INTEGER NOT NULL,
    docker     TEXT    NOT NULL
);

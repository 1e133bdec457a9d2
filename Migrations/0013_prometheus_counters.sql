-- Running totals behind the Prometheus counters of `/metrics`. Only the writer adds to them, in the
-- transaction that stores what they count, and retention never takes from them, so each only grows
-- while the database lives: a counter Prometheus scrapes never goes down unless the file is new.
-- A database upgraded to this version counts from then on.

-- Per container: what `docker stats` measured between frames (CPU seconds; bytes received, sent,
-- read, written), and OOM kills and restarts (a start after a die) as their events are first stored.
CREATE TABLE container_counters (
    container         INTEGER PRIMARY KEY REFERENCES containers(id),
    cpu_seconds       REAL    NOT NULL DEFAULT 0,
    net_rx_bytes      REAL    NOT NULL DEFAULT 0,
    net_tx_bytes      REAL    NOT NULL DEFAULT 0,
    block_read_bytes  REAL    NOT NULL DEFAULT 0,
    block_write_bytes REAL    NOT NULL DEFAULT 0,
    oom_events        INTEGER NOT NULL DEFAULT 0,
    restarts          INTEGER NOT NULL DEFAULT 0
);

-- Records stored, per container, stream and level.
CREATE TABLE record_totals (
    container INTEGER NOT NULL REFERENCES containers(id),
    stream    INTEGER NOT NULL,
    level     INTEGER NOT NULL,
    records   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (container, stream, level)
) WITHOUT ROWID;

-- HTTP responses logged, per container and status class (2 for 2xx, ... 5 for 5xx).
CREATE TABLE response_totals (
    container INTEGER NOT NULL REFERENCES containers(id),
    class     INTEGER NOT NULL,
    responses INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (container, class)
) WITHOUT ROWID;

-- The store's own counters: 'records_pruned', 'gaps_recorded', 'notifications_failed'.
CREATE TABLE store_counters (
    name  TEXT    PRIMARY KEY,
    value INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

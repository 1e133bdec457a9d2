-- Resource metrics from `docker stats`, in three tiers.
-- Metrics: cpu (percent of one CPU), mem (bytes), net_rx / net_tx and block_read / block_write
-- (bytes per second over the interval, from Docker's counters), pids.

-- Raw tier: one row per container per sampling interval (default 10 s), the average of the
-- frames Docker printed inside it. `ts` is the start of the interval, as in the rollup tiers.
CREATE TABLE samples (
    container   INTEGER NOT NULL REFERENCES containers(id),
    ts          INTEGER NOT NULL,
    cpu         REAL,
    mem         REAL,
    mem_limit   REAL,
    net_rx      REAL,
    net_tx      REAL,
    block_read  REAL,
    block_write REAL,
    pids        REAL,
    PRIMARY KEY (container, ts)
) WITHOUT ROWID;

-- Rollup tiers, computed from the raw tier: per container and minute (`samples_1m`) or hour
-- (`samples_1h`), the min, average, 95th percentile and max of each metric over the raw samples
-- of that span (`ts` is its start). A span still in progress is recomputed until it ends.
CREATE TABLE samples_1m (
    container   INTEGER NOT NULL REFERENCES containers(id),
    ts          INTEGER NOT NULL,
    samples     INTEGER NOT NULL,
    cpu_min REAL, cpu_avg REAL, cpu_p95 REAL, cpu_max REAL,
    mem_min REAL, mem_avg REAL, mem_p95 REAL, mem_max REAL,
    mem_limit REAL,
    net_rx_min REAL, net_rx_avg REAL, net_rx_p95 REAL, net_rx_max REAL,
    net_tx_min REAL, net_tx_avg REAL, net_tx_p95 REAL, net_tx_max REAL,
    block_read_min REAL, block_read_avg REAL, block_read_p95 REAL, block_read_max REAL,
    block_write_min REAL, block_write_avg REAL, block_write_p95 REAL, block_write_max REAL,
    pids_min REAL, pids_avg REAL, pids_p95 REAL, pids_max REAL,
    PRIMARY KEY (container, ts)
) WITHOUT ROWID;

CREATE TABLE samples_1h (
    container   INTEGER NOT NULL REFERENCES containers(id),
    ts          INTEGER NOT NULL,
    samples     INTEGER NOT NULL,
    cpu_min REAL, cpu_avg REAL, cpu_p95 REAL, cpu_max REAL,
    mem_min REAL, mem_avg REAL, mem_p95 REAL, mem_max REAL,
    mem_limit REAL,
    net_rx_min REAL, net_rx_avg REAL, net_rx_p95 REAL, net_rx_max REAL,
    net_tx_min REAL, net_tx_avg REAL, net_tx_p95 REAL, net_tx_max REAL,
    block_read_min REAL, block_read_avg REAL, block_read_p95 REAL, block_read_max REAL,
    block_write_min REAL, block_write_avg REAL, block_write_p95 REAL, block_write_max REAL,
    pids_min REAL, pids_avg REAL, pids_p95 REAL, pids_max REAL,
    PRIMARY KEY (container, ts)
) WITHOUT ROWID;

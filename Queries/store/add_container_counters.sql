-- store/add_container_counters: what one sample's interval, or a new OOM kill or restart, adds to
-- its container's running totals. ?1 the container's row; ?2 CPU seconds; ?3..?6 bytes received,
-- sent, read, written; ?7 OOM kills; ?8 restarts.
INSERT INTO container_counters (container, cpu_seconds, net_rx_bytes, net_tx_bytes, block_read_bytes, block_write_bytes, oom_events, restarts)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (container) DO UPDATE SET
    cpu_seconds = cpu_seconds + excluded.cpu_seconds,
    net_rx_bytes = net_rx_bytes + excluded.net_rx_bytes, net_tx_bytes = net_tx_bytes + excluded.net_tx_bytes,
    block_read_bytes = block_read_bytes + excluded.block_read_bytes,
    block_write_bytes = block_write_bytes + excluded.block_write_bytes,
    oom_events = oom_events + excluded.oom_events, restarts = restarts + excluded.restarts;

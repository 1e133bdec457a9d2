-- settings: what the collector was told (retention in seconds, the size limit in bytes, the sampling interval), a row per key.
SELECT key, value FROM settings;

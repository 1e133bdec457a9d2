-- store/set_setting: one of the collector's settings.
INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?);

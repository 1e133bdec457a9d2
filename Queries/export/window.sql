-- export/window: the window an exported database holds (NULL, NULL for one a collector wrote).
SELECT (SELECT value FROM settings WHERE key = 'export_since'), (SELECT value FROM settings WHERE key = 'export_until');

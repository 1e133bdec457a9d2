-- store/export_failed: why the last attempt to send to endpoint ?1 failed (?2); it is tried again.
UPDATE export_cursors SET last_error = ?2 WHERE endpoint = ?1;

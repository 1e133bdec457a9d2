-- store/export_acknowledged: the receiver took a batch: the cursor moves from ?2 to ?3 (unless retention moved it meanwhile),
-- ?4 records sent and ?5 refused are counted. ?1 endpoint, ?6 now.
UPDATE export_cursors SET last_id = ?3, sent = sent + ?4, rejected = rejected + ?5, last_success = ?6, last_error = NULL
WHERE endpoint = ?1 AND last_id = ?2;

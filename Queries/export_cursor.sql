-- export_cursor: one endpoint's cursor (every record up to it was acknowledged) and the records retention deleted before they were sent.
SELECT last_id, missed FROM export_cursors WHERE endpoint = :endpoint;

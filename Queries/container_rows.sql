-- container_rows: every container's row id, in order (queries and retention go through them one at a time).
SELECT id FROM containers ORDER BY id;

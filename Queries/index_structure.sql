-- index_structure: the full-text index's structure record (FTS5's row 10): its levels, their
-- segments with their first and last pages, and a count of the writes; it changes with every
-- write. Two connections that read the same record read the same index (LeafHalves), and the
-- segments' order says which of two entries for a record is the newer (IndexDoclists).
SELECT block FROM records_fts_data WHERE id = 10;

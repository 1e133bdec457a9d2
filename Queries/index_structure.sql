-- index_structure: the full-text index's structure record (FTS5's row 10): its segments, and a
-- cookie FTS5 changes with every write. Two connections that read the same record read the same
-- index (IndexTerms, reading its leaves in two halves).
SELECT block FROM records_fts_data WHERE id = 10;

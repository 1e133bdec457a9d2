-- store/check_search_index: FTS5's integrity check, which compares every word of every record with the index; fails when they differ.
INSERT INTO records_fts(records_fts, rank) VALUES('integrity-check', 1);

-- index_records: the full-text index's averages record (FTS5's row 1), whose first varint is how
-- many records the index holds (IndexTerms.indexedRecords).
SELECT block FROM records_fts_data WHERE id = 1;

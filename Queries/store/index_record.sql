-- store/index_record: a record's message into the search index, in the same transaction.
INSERT INTO records_fts (rowid, message) VALUES (?, ?);

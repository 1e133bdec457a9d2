-- store/unindex_record: a record's entries out of the search index (FTS5's 'delete' takes the message).
INSERT INTO records_fts (records_fts, rowid, message) VALUES ('delete', ?, ?);

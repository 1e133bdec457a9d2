-- The search index keeps which records hold each word, not where in them (detail=none), and no
-- per-record token counts (columnsize=0): about 32 bytes a record instead of 88. What it gives up
-- is phrase and NEAR queries inside FTS5; `aclog grep` asks for every word of a phrase and checks
-- the phrase itself in the records found, as it already did for fixed strings and regexes.
DROP TABLE records_fts;
CREATE VIRTUAL TABLE records_fts USING fts5(
    message,
    content = 'records',
    content_rowid = 'id',
    tokenize = 'unicode61',
    detail = none,
    columnsize = 0
);
INSERT INTO records_fts(records_fts) VALUES ('rebuild');

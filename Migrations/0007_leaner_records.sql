-- A record's fields are read again from its message when they are asked for, not stored: they
-- cost about as many bytes as the message (`http.path`, `client` and `logger` are copies of its
-- text). `format` is the number of the format that read the record's first line (FormatCatalog in
-- the source); `fields` keeps only what no format can read again (a multi-line record's
-- `record.*` marks). Rows from before keep all their fields in `fields` and no format.
-- In SQL, record_fields(format, message, fields) gives them all, in every connection aclog opens.
ALTER TABLE records ADD COLUMN format INTEGER;

-- Every query of a time range reads it per container, through records_container_ts, and merges
-- the containers in time order (LogReader.forEachRecord): the index by time alone was not needed,
-- and cost about 19 bytes a record.
DROP INDEX records_ts;

-- The search index leaves out the numbers of dates and times: one or two digits, years 1900-2099
-- and 0000 (the tokenizer aclog_words, which every connection aclog opens registers). They were
-- 34 % of its entries. Other programs can still read the records, not query records_fts.
DROP TABLE records_fts;
CREATE VIRTUAL TABLE records_fts USING fts5(
    message,
    content = 'records',
    content_rowid = 'id',
    tokenize = 'aclog_words',
    detail = none,
    columnsize = 0
);
INSERT INTO records_fts(records_fts) VALUES ('rebuild');

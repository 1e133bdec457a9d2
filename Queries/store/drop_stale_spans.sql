-- store/drop_stale_spans: spans that begin at or after a new batch's first id held only records
-- since deleted (SQLite gives the ids of deleted newest records again): they no longer say anything.
DELETE FROM record_spans WHERE first_id >= ?1;

-- grep_fts_count: how many records in all hold the words of a full-text query, counted up to :limit.
-- `aclog grep` asks before searching a small time range: when the index holds fewer matches in
-- all than the range holds records, reading those matches is cheaper than reading the range.
-- :match  the FTS5 query;  :limit  where to stop counting
SELECT count(*) FROM (SELECT 1 FROM records_fts WHERE records_fts MATCH :match LIMIT :limit);

-- index_segment_leaves: the leaves of segment :segment from page :page on, in order (ids as in
-- index_leaves.sql); a word's list of records runs on from its page until the next word.
SELECT block FROM records_fts_data
WHERE id >= (:segment << 37) + :page AND id < (:segment << 37) + (1 << 31)
ORDER BY id;

-- index_segments: how many leaves of each segment of the full-text index hold a word (rows of its
-- %_idx, see index_leaves.sql), by segment id. LeafHalves splits those leaves in two halves by them.
SELECT segid, count(*) FROM records_fts_idx GROUP BY segid ORDER BY segid;

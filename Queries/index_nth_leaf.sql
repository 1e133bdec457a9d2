-- index_nth_leaf: the id of the :nth leaf (from 0) of segment :segment that holds a word, in page
-- order (see index_leaves.sql): where LeafHalves starts its second half.
SELECT (:segment << 37) + (pgno >> 1) FROM records_fts_idx WHERE segid = :segment ORDER BY term LIMIT 1 OFFSET :nth;

-- index_term_page: the leaf of segment :segment where the word :term (with its index byte) would
-- lie: the last whose first word is not after it (FTS5's %_idx holds each leaf's first word, cut
-- to what tells it from the leaf before, and the leaf's number times two, plus one when a
-- doclist index follows). IndexDoclists reads the word's list of records from there.
SELECT pgno >> 1 FROM records_fts_idx WHERE segid = :segment AND term <= :term ORDER BY term DESC LIMIT 1;

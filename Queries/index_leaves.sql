-- index_leaves: the leaf pages of the full-text index with ids in [:from, :to) that hold a word,
-- where the index's words lie (IndexTerms). FTS5 numbers a page by its segment (bits 37-52), a
-- doclist-index flag and a height (bits 31-36, both 0 for a leaf) and its number in the segment,
-- and its %_idx has a row for each leaf on which a word begins (the number times two, plus a
-- flag): the other leaves only go on with a list of records. On the 10M-record index that is
-- 14,811 leaves of 45,317, a third of the bytes.
SELECT d.block
FROM records_fts_idx AS i
JOIN records_fts_data AS d ON d.id = (i.segid << 37) + (i.pgno >> 1)
WHERE i.segid BETWEEN max(:from, 0) >> 37 AND min(:to, 1 << 53) >> 37
  AND (i.segid << 37) + (i.pgno >> 1) >= :from AND (i.segid << 37) + (i.pgno >> 1) < :to
ORDER BY i.segid, i.term;

-- index_leaves: the leaf pages of the full-text index with ids in [:from, :to), where its words lie
-- (IndexTerms). FTS5 numbers a page by its segment (bits 37-52, 1-65535), a doclist-index flag and
-- a height (bits 31-36, both 0 for a leaf) and its number in the segment: the rows other than
-- leaves (the averages, the structure, doclist indexes) are left out.
SELECT block FROM records_fts_data
WHERE id >= max(:from, 1 << 37) AND id < min(:to, 1 << 53) AND (id >> 31) & 63 = 0;

-- index_segments: the first and last leaf of each segment of the full-text index, by page id (see
-- index_leaves.sql): two b-tree seeks a segment, where counting its pages would read them. A
-- segment's leaves are numbered without gaps, so last - first + 1 is how many it has. IndexTerms
-- splits the leaves in two halves by them.
WITH RECURSIVE segment(first) AS (
    SELECT (SELECT min(id) FROM records_fts_data WHERE id >= 1 << 37 AND id < 1 << 53)
    UNION ALL
    SELECT (SELECT min(id) FROM records_fts_data WHERE id >= ((first >> 37) + 1) << 37 AND id < 1 << 53)
    FROM segment WHERE first IS NOT NULL
)
SELECT first, (SELECT max(id) FROM records_fts_data WHERE id >= first AND id < ((first >> 37) << 37) + (1 << 31))
FROM segment WHERE first IS NOT NULL;

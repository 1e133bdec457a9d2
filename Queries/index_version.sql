-- index_version: the layout version of the full-text index's pages (FTS5's; 4 since SQLite 3.10,
-- read by IndexTerms).
SELECT v FROM records_fts_config WHERE k = 'version';

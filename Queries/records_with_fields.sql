-- records_with_fields: which of the records :ids (a JSON array) have fields matching the filters
-- put in place of the comment below; the web view's live stream checks a viewer's --field this way.
SELECT r.id
FROM records AS r
WHERE r.id IN (SELECT value FROM json_each(:ids))
  /* field filters */;

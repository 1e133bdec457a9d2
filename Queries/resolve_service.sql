-- resolve_service: the containers a user's word names, with the kind of match.
-- A word matches the compose service label first, then the container name, then an id prefix.
SELECT id, 1 AS rank FROM containers WHERE service = :word
UNION ALL
SELECT id, 2 FROM containers WHERE name = :word
UNION ALL
SELECT id, 3 FROM containers WHERE length(:word) >= 3 AND substr(docker_id, 1, length(:word)) = lower(:word)
ORDER BY rank;

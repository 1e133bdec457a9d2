-- store/is_restart: whether a start of container ?1 at ?2 follows a die of it (what `aclog ps` counts as a restart).
SELECT EXISTS (SELECT 1 FROM events WHERE container = ?1 AND action = 'die' AND ts < ?2);

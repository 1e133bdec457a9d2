-- id_range: the lowest and highest record id in a time range, to bound full-text queries.
SELECT min(id), max(id) FROM records WHERE ts >= :since AND ts < :until;

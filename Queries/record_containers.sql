-- record_containers: the containers of the ids from :first to :last (migration 16), in id order.
SELECT first_id, last_id, runs FROM record_containers
WHERE first_id <= :last AND last_id >= :first
ORDER BY first_id;

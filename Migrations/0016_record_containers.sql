-- Which container wrote each record, by id, so `aclog grep -c` can count the records the search
-- index finds per service without reading them. A row holds the ids one commit stored, from
-- first_id to last_id, as runs: a varint of (the container's row << 1 | whether the run's messages
-- must be read to be sure of a match) and a varint of how many ids it takes (ContainerRuns). The
-- writer commits a container's records together, so a commit of 20 containers' records is about
-- 20 runs. A message that is not all ASCII is flagged: the index folds letters that a search
-- fragment compares as they are ("Ünïcode" is indexed as "unicode").
--
-- Records stored before this migration have no row: they are counted by reading them, as before.
CREATE TABLE record_containers (
    first_id INTEGER PRIMARY KEY,
    last_id  INTEGER NOT NULL,
    runs     BLOB NOT NULL
);

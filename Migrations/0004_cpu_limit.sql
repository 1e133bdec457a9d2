-- The CPU a container may use, in percent of one core as `docker stats` shows CPU (--cpus 0.5:
-- 50). NULL: no limit (every core of the host). Read by the collector with `docker inspect` when
-- a container first appears in `docker stats`.
ALTER TABLE containers ADD COLUMN cpu_limit REAL;

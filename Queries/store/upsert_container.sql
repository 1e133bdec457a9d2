-- store/upsert_container: a container seen by the collector, inserted or refreshed; gives its row.
INSERT INTO containers (docker_id, name, service, project, image, state, first_seen, last_seen)
VALUES (:id, :name, :service, :project, :image, :state, :now, :now)
ON CONFLICT (docker_id) DO UPDATE SET
    name = excluded.name,
    service = excluded.service,
    project = coalesce(excluded.project, project),
    image = CASE WHEN excluded.image <> '' THEN excluded.image ELSE image END,
    state = CASE WHEN excluded.state <> 'unknown' THEN excluded.state ELSE state END,
    last_seen = max(last_seen, excluded.last_seen)
RETURNING id;

-- Deploys (issue 19): the image each container was created from, as `docker inspect` gives it, so
-- that a service's container re-created from another image is a deploy (an event 'deploy' of the
-- new container, whose detail names both images). A restart of the same image is not one.
ALTER TABLE containers ADD COLUMN image_name TEXT;    -- as it was created with it (docker ps shows an id once the tag moved)
ALTER TABLE containers ADD COLUMN image_id TEXT;      -- sha256:… of the image
ALTER TABLE containers ADD COLUMN image_digest TEXT;  -- repo@sha256:… when the image came from a registry
ALTER TABLE containers ADD COLUMN created INTEGER;    -- when the container was created, ns
CREATE INDEX containers_service_created ON containers(service, created);

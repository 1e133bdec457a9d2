-- schema_objects: how many tables, indexes and views the file holds (0: a new, empty file).
SELECT count(*) FROM sqlite_schema;

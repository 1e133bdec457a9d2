-- has_table: 1 when the schema has the table :name (an older database may lack one: settings before schema 5, samples before 3).
SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = :name;

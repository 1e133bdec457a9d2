-- service_names: every service the database knows, for `unknown service` errors and the width of tail's column.
SELECT DISTINCT service FROM containers ORDER BY service;

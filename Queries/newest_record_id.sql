-- newest_record_id: the id of the newest stored record (tail -f reads what comes after it).
SELECT max(id) FROM records;

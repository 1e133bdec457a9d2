-- store/delete_record: one record.
DELETE FROM records WHERE id = ?;

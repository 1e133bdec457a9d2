-- store/records_before: a container's records before a time, with the message their index entries need to be deleted.
SELECT id, message FROM records WHERE container = ? AND ts < ?;

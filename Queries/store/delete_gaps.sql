-- store/delete_gaps: recorded gaps that ended before their retention.
DELETE FROM gaps WHERE end_ts < ?;

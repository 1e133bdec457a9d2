-- grep_fts_ids: how many records from :first to :last hold the words of a full-text query; aclog
-- hands their ids in id order to aclog_tally, which tells them by container with record_containers
-- (`aclog grep -c`, IdTally).
SELECT aclog_tally(rowid) FROM records_fts WHERE records_fts MATCH :match AND rowid BETWEEN :first AND :last;

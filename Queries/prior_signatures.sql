-- prior_signatures: the error signatures an export's source had seen before its window, per
-- service, last seen in [:since, :until).
SELECT service, signature, last_ts FROM prior_signatures WHERE last_ts >= :since AND last_ts < :until;

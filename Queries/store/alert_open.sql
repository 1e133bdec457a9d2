-- store/alert_open: the alerts a starting collector must keep an eye on: firing, or holding
-- repeats that a later notification must tell of.
SELECT id, rule, service, key, state, container, first_ts, last_ts, occurrences, notified_ts, unsent, unsent_records
FROM alerts WHERE state = 'firing' OR unsent > 0;

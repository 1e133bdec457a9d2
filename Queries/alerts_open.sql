-- alerts_open: the alerts firing now, and those whose repeats wait to be told, newest first.
SELECT rule, service, key, state, container, first_ts, last_ts, occurrences, unsent
FROM alerts WHERE state = 'firing' OR unsent > 0
ORDER BY last_ts DESC;

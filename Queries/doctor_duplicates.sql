-- doctor_duplicates: records stored more than once (the same container, stream, time and message), as a second writer would leave them: how many such records, and how many copies too many.
SELECT count(*), coalesce(sum(n - 1), 0)
FROM (SELECT count(*) AS n FROM records GROUP BY container, stream, ts, message HAVING count(*) > 1);

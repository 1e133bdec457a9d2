-- prior_errors: the errors per service an export's source had in the span that ends where the
-- export's window begins, when that span is [:since, :until).
SELECT service, errors FROM prior_errors WHERE since = :since AND until = :until;

-- data_version: a number that changes whenever another connection has committed to the database
-- since this one last asked (what a reader kept from an earlier answer may be out of date).
PRAGMA data_version;

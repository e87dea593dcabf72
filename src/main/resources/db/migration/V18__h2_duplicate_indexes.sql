-- Two indexes that H2 keeps twice, dropped on H2 only (issue 21: every index a claim touches is a B-tree
-- page H2 rewrites at each commit). H2 gives a foreign key an index of its own when the table is created
-- (claim_event.claim_id, claim_service.claim_id), and the indexes V1 and V10 added on the same column are a
-- second copy of it: an H2 index on (claim_id) is ordered by the row id as well, so it also serves
-- "WHERE claim_id = ? ORDER BY id". PostgreSQL creates no index for a foreign key and keeps both.
-- h2 only
DROP INDEX claim_event_claim;
-- h2 only
DROP INDEX claim_service_claim;

-- Each claim's canonical JSON in a table of its own. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.
-- Rows are only ever inserted (intake) and deleted (retention purge), never updated: a status update of a
-- claim (batched, delivered, acknowledged, paid, ...) now rewrites only small claim rows. On H2 every commit
-- rewrites the B-tree pages it changed, and pages full of kilobytes of JSON made that the ledger's top cost.
CREATE TABLE claim_payload (
    claim_id BIGINT  PRIMARY KEY REFERENCES claim (id),
    payload  VARCHAR NOT NULL
);
INSERT INTO claim_payload (claim_id, payload) SELECT id, payload FROM claim WHERE payload IS NOT NULL;
ALTER TABLE claim DROP COLUMN payload;

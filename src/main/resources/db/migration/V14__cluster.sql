-- Several hubs on one PostgreSQL ledger (docs/cluster.md). Portable SQL: H2 2.x and PostgreSQL 15.
-- Every running hub holds a lease here and renews it; work whose owner's lease ran out may be taken
-- over by another hub. On H2 there is only ever one hub (the file is locked), and the table holds it.
CREATE TABLE hub_node (
    node_id     VARCHAR(128) PRIMARY KEY,
    started_at  TIMESTAMP    NOT NULL,
    renewed_at  TIMESTAMP    NOT NULL,
    lease_until TIMESTAMP    NOT NULL
);

-- The hub writing a batch file ('writing'): nobody else writes it while that hub's lease lasts.
ALTER TABLE batch ADD COLUMN owner_node VARCHAR(128);

-- The hub running a delivery attempt: nobody else starts one while that hub's lease lasts.
ALTER TABLE delivery_attempt ADD COLUMN owner_node VARCHAR(128);

-- Hubs started at once on a new ledger would each create its identity (V9): one row only, the others
-- read the one that won.
ALTER TABLE ledger_identity ADD COLUMN single_row INTEGER DEFAULT 1 NOT NULL;
CREATE UNIQUE INDEX ledger_identity_single_row ON ledger_identity (single_row);

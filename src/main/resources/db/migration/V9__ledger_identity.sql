-- The ledger's identity: one row, written at the first start. The same id is kept in <data>/ledger-id, so
-- a start with a deleted, emptied or swapped ledger is noticed before anything is billed a second time.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.
CREATE TABLE ledger_identity (
    id         VARCHAR(36) PRIMARY KEY,
    created_at TIMESTAMP   NOT NULL
);

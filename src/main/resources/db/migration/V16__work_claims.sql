-- Several hubs on one PostgreSQL ledger, the work that has no ledger row of its own (docs/cluster.md).
-- Portable SQL: H2 2.x and PostgreSQL 15. A clinic inbox file or a clinic notice is taken by one hub:
-- the hub records its claim here (owner_node) before it starts, and marks it done, fenced, before the
-- file is moved or the notice removed. Another hub takes a claim over only once the owner's lease in
-- hub_node has run out.
CREATE TABLE work_claim (
    -- inbox-file | notice
    kind        VARCHAR(16)   NOT NULL,
    -- inbox-file: clinic, file name, size and modification time; notice: the notice id
    work_key    VARCHAR(1000) NOT NULL,
    owner_node  VARCHAR(128)  NOT NULL,
    -- claimed | done
    status      VARCHAR(16)   NOT NULL,
    claimed_at  TIMESTAMP     NOT NULL,
    finished_at TIMESTAMP,
    PRIMARY KEY (kind, work_key)
);

-- The hub processing a reply file: nobody else applies it while that hub's lease lasts.
ALTER TABLE reply_file ADD COLUMN owner_node VARCHAR(128);

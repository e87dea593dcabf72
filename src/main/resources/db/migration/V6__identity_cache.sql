-- Larger id caches for the tables that grow with every claim, on H2 only.
-- H2 writes a sequence's state with a commit of its own each time its cache of ids runs out (32 by
-- default): with several ids per claim that was an extra disk write every few claims, inside the intake's
-- group commits and the batch writer's transactions. H2's cache is database-wide, so ids keep their order;
-- a restart skips at most the unused rest of a cache. PostgreSQL caches per session, which would break the
-- order of ids that the claim history relies on, so it keeps its default.
-- h2 only
ALTER TABLE claim ALTER COLUMN id SET CACHE 1000;
-- h2 only
ALTER TABLE claim_event ALTER COLUMN id SET CACHE 1000;
-- h2 only
ALTER TABLE claim_reply ALTER COLUMN id SET CACHE 1000;
-- h2 only
ALTER TABLE rejected_input ALTER COLUMN id SET CACHE 1000;

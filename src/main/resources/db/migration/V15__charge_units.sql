-- Charge capture: units (docs/charge-capture.md). Portable SQL: H2 2.x and PostgreSQL 15.
-- A credit for fewer units than its charge (FT1-10 -1 of a 3-unit charge) lowers that charge's units as
-- well as its amount. Charges and credits received before this migration have no units recorded: their
-- lines keep the units they were charged with, as before.
-- units: a charge's FT1-10, a credit's quantity (null when its FT1 gave none, an amount-only credit)
ALTER TABLE charge ADD COLUMN units DECIMAL(12, 3);
-- how many of a charge's units credits took back so far
ALTER TABLE charge ADD COLUMN credited_units DECIMAL(12, 3) DEFAULT 0 NOT NULL;

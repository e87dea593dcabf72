-- The services of claims that passed the edits, for the probable-duplicate edit: a claim whose patient,
-- date of service, procedure and modifiers match a service already sent to the same payer is refused.
-- service_key is a SHA-256 over those values (computed by the hub); the values stay in claim_payload.
CREATE TABLE claim_service (
    claim_id    BIGINT      NOT NULL REFERENCES claim (id),
    payer_id    VARCHAR(64) NOT NULL,
    service_key VARCHAR(64) NOT NULL
);
CREATE INDEX claim_service_key ON claim_service (payer_id, service_key);
CREATE INDEX claim_service_claim ON claim_service (claim_id);

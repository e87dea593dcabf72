package io.claimshub.config;

import io.claimshub.claim.Address;

import java.nio.file.Path;
import java.util.List;

/**
 * One clinic from clinics.yaml (see docs/configuration.md). Paths are already resolved against the
 * hub's working directory.
 *
 * @param serviceFacility 2310C, optional: only when services are rendered somewhere else than the billing address
 * @param replyTo         folder | http | mllp
 */
public record ClinicConfig(
        String id,
        String name,
        String npi,
        String taxId,
        String taxonomy,
        Address address,
        String placeOfService,
        Submitter submitter,
        List<String> sendingFacilities,
        Path inbox,
        Path outbox,
        String replyTo,
        String replyUrl,
        String replyHost,
        Integer replyPort,
        ServiceFacility serviceFacility) {

    public ClinicConfig {
        sendingFacilities = sendingFacilities == null ? List.of() : List.copyOf(sendingFacilities);
    }

    /** 1000A submitter and its PER contact. */
    public record Submitter(String name, String id, String contact, String phone) {
    }

    /** 2310C service facility location. */
    public record ServiceFacility(String name, String npi, Address address) {
    }
}

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
 * @param billSecondary   what the hub does when a primary's 835 leaves a balance and the claim has another
 *                        coverage (docs/remittances.md, "Secondary claims")
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
        ServiceFacility serviceFacility,
        BillSecondary billSecondary) {

    public ClinicConfig {
        sendingFacilities = sendingFacilities == null ? List.of() : List.copyOf(sendingFacilities);
        billSecondary = billSecondary == null ? BillSecondary.AUTO : billSecondary;
    }

    /** A clinic with the default {@code billSecondary: auto}. */
    public ClinicConfig(String id, String name, String npi, String taxId, String taxonomy, Address address,
                        String placeOfService, Submitter submitter, List<String> sendingFacilities, Path inbox,
                        Path outbox, String replyTo, String replyUrl, String replyHost, Integer replyPort,
                        ServiceFacility serviceFacility) {
        this(id, name, npi, taxId, taxonomy, address, placeOfService, submitter, sendingFacilities, inbox, outbox,
                replyTo, replyUrl, replyHost, replyPort, serviceFacility, BillSecondary.AUTO);
    }

    /** clinics.yaml {@code billSecondary}. */
    public enum BillSecondary {
        /** bill the next payer as soon as the primary's 835 leaves a balance */
        AUTO,
        /** build the next payer's claim and hold it until a clerk releases it */
        REVIEW,
        /** never bill the next payer from the hub */
        OFF
    }

    /** 1000A submitter and its PER contact. */
    public record Submitter(String name, String id, String contact, String phone) {
    }

    /** 2310C service facility location. */
    public record ServiceFacility(String name, String npi, Address address) {
    }
}

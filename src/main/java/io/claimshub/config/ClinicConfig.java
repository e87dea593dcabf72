package io.claimshub.config;

import io.claimshub.claim.Address;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One clinic from clinics.yaml (see docs/configuration.md). Paths are already resolved against the
 * hub's working directory.
 *
 * @param serviceFacility 2310C, optional: only when services are rendered somewhere else than the billing address
 * @param replyTo         how results go back besides the outbox folder
 * @param billSecondary   what the hub does when a primary's 835 leaves a balance and the claim has another
 *                        coverage (docs/remittances.md, "Secondary claims")
 * @param renderingTaxonomies NPI → provider taxonomy code, written as PRV*PE*PXC for rendering providers
 *                            whose claims do not send one
 * @param chargeCapture   how HL7 charges become claims (docs/charge-capture.md)
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
        ReplyTo replyTo,
        ServiceFacility serviceFacility,
        BillSecondary billSecondary,
        Map<String, String> renderingTaxonomies,
        ChargeCapture chargeCapture) {

    public ClinicConfig {
        sendingFacilities = sendingFacilities == null ? List.of() : List.copyOf(sendingFacilities);
        billSecondary = billSecondary == null ? BillSecondary.AUTO : billSecondary;
        renderingTaxonomies = renderingTaxonomies == null ? Map.of() : Map.copyOf(renderingTaxonomies);
        chargeCapture = chargeCapture == null ? ChargeCapture.IMMEDIATE : chargeCapture;
    }

    /** A clinic without rendering taxonomies and with the default charge capture. */
    public ClinicConfig(String id, String name, String npi, String taxId, String taxonomy, Address address,
                        String placeOfService, Submitter submitter, List<String> sendingFacilities, Path inbox,
                        Path outbox, ReplyTo replyTo,
                        ServiceFacility serviceFacility, BillSecondary billSecondary) {
        this(id, name, npi, taxId, taxonomy, address, placeOfService, submitter, sendingFacilities, inbox, outbox,
                replyTo, serviceFacility, billSecondary, Map.of(), ChargeCapture.IMMEDIATE);
    }

    /** A clinic with the default {@code billSecondary: auto} and charge capture. */
    public ClinicConfig(String id, String name, String npi, String taxId, String taxonomy, Address address,
                        String placeOfService, Submitter submitter, List<String> sendingFacilities, Path inbox,
                        Path outbox, ReplyTo replyTo,
                        ServiceFacility serviceFacility) {
        this(id, name, npi, taxId, taxonomy, address, placeOfService, submitter, sendingFacilities, inbox, outbox,
                replyTo, serviceFacility, BillSecondary.AUTO, Map.of(),
                ChargeCapture.IMMEDIATE);
    }

    /** A clinic without configured rendering taxonomies. */
    public ClinicConfig(String id, String name, String npi, String taxId, String taxonomy, Address address,
                        String placeOfService, Submitter submitter, List<String> sendingFacilities, Path inbox,
                        Path outbox, ReplyTo replyTo,
                        ServiceFacility serviceFacility, BillSecondary billSecondary, ChargeCapture chargeCapture) {
        this(id, name, npi, taxId, taxonomy, address, placeOfService, submitter, sendingFacilities, inbox, outbox,
                replyTo, serviceFacility, billSecondary, Map.of(), chargeCapture);
    }

    /** A clinic with the default charge capture (one message = one claim, {@link ChargeCapture#IMMEDIATE}). */
    public ClinicConfig(String id, String name, String npi, String taxId, String taxonomy, Address address,
                        String placeOfService, Submitter submitter, List<String> sendingFacilities, Path inbox,
                        Path outbox, ReplyTo replyTo,
                        ServiceFacility serviceFacility, BillSecondary billSecondary, Map<String, String> renderingTaxonomies) {
        this(id, name, npi, taxId, taxonomy, address, placeOfService, submitter, sendingFacilities, inbox, outbox,
                replyTo, serviceFacility, billSecondary, renderingTaxonomies,
                ChargeCapture.IMMEDIATE);
    }

    /**
     * clinics.yaml {@code replyTo}: every clinic gets its results in its outbox folder; an {@link Http}
     * clinic also gets each claim status POSTed to {@code replyUrl}, an {@link Mllp} clinic each remittance
     * as a DFT^P03 sent to {@code replyHost}:{@code replyPort}.
     */
    public sealed interface ReplyTo permits ReplyTo.Folder, ReplyTo.Http, ReplyTo.Mllp {

        ReplyTo FOLDER = new Folder();

        /** The clinics.yaml value: folder, http or mllp. */
        String type();

        record Folder() implements ReplyTo {
            @Override
            public String type() {
                return "folder";
            }
        }

        record Http(String url) implements ReplyTo {
            @Override
            public String type() {
                return "http";
            }
        }

        record Mllp(String host, int port) implements ReplyTo {
            @Override
            public String type() {
                return "mllp";
            }
        }
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

    /**
     * How HL7 charges become claims (docs/charge-capture.md).
     *
     * @param encounterKey account (PID-18, else PV1-19) | visit (PV1-19) | account+date (and FT1-4 of the first line)
     * @param billHold     how long an encounter must be quiet before it becomes a claim; zero = every
     *                     message is a claim at once (the hub's behaviour before charge capture)
     * @param afterSend    replace | new | hold: what a charge or credit for an already sent claim does
     */
    public record ChargeCapture(String encounterKey, java.time.Duration billHold, String afterSend) {
        public static final ChargeCapture IMMEDIATE = new ChargeCapture("account", java.time.Duration.ZERO, "replace");

        /** True when charges are collected per encounter; false for one message = one claim. */
        public boolean collects() {
            return !billHold.isZero();
        }
    }
}

package io.claimshub.hl7;

import io.claimshub.claim.Provider;

/** A provider named by an XCN field (PV1-8, FT1-20, FT1-21): id = the NPI, family name, given name. */
final class XcnProvider {

    private XcnProvider() {
    }

    /** Null when the field is empty. */
    static Provider read(FieldReader segment, int field) {
        String npi = segment.text(field, 1);
        String lastName = segment.text(field, 2, 1);
        String firstName = segment.text(field, 3);
        return npi == null && lastName == null && firstName == null ? null : new Provider(npi, lastName, firstName);
    }
}

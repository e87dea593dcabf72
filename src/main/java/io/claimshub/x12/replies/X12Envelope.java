package io.claimshub.x12.replies;

import java.util.List;

/**
 * The envelopes of a reply file: interchanges (ISA … IEA) holding TA1 segments and functional groups
 * (GS … GE) of transaction sets (ST … SE). A file may hold any number of each.
 */
public final class X12Envelope {

    private X12Envelope() {
    }

    /** @param delimiters element, component, repetition and segment delimiters the sender chose */
    public record Interchange(ReplySegment isa, List<ReplySegment> ta1s, List<Group> groups, Delimiters delimiters) {
        /** ISA13, as sent (nine digits). */
        public String controlNumber() {
            return isa.element(13);
        }
    }

    public record Group(ReplySegment gs, List<TransactionSet> sets) {
        /** GS06. */
        public String controlNumber() {
            return gs.element(6);
        }
    }

    /** One transaction set, ST to SE inclusive. */
    public record TransactionSet(List<ReplySegment> segments) {
        public ReplySegment st() {
            return segments.get(0);
        }

        public String type() {
            return st().element(1);
        }

        public String controlNumber() {
            return st().element(2);
        }
    }

    public record Delimiters(char element, char component, char repetition, char segment) {
    }
}

package io.claimshub.x12.replies;

import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes, with StAEDI, one clinic's share of the 835 sets of a reply file: its claims (CLP loops) and
 * its provider-level adjustments (PLB segments), as an 835 that balances on its own. The envelopes, the
 * payment header (TRN, payer, payee) and the LX headers of kept claims are copied as they were, in the
 * sender's delimiters; BPR02 is recomputed as ΣCLP04 − ΣPLB amounts of what is kept (005010X221A1
 * balancing), and SE01, GE01 and IEA01 are recounted. A set with nothing of the clinic is left out.
 */
public final class RemittanceCopyWriter {

    /** A claim or PLB segment to keep: the index of its remittance in {@link ReplyFile#remittances()} and its index there. */
    public record Kept(int remittance, int index) {
    }

    /**
     * What one clinic gets of a file.
     *
     * @param claims              claims, by index in {@link Remittance#claims()}
     * @param providerAdjustments PLB segments, by set segment index ({@link Remittance.ProviderAdjustment#segment()})
     */
    public record Share(Set<Kept> claims, Set<Kept> providerAdjustments) {
        public Share {
            claims = Set.copyOf(claims);
            providerAdjustments = Set.copyOf(providerAdjustments);
        }

        public boolean isEmpty() {
            return claims.isEmpty() && providerAdjustments.isEmpty();
        }

        /** True when the share is every claim and every PLB segment of the file. */
        public boolean isWhole(ReplyFile file) {
            for (int r = 0; r < file.remittances().size(); r++) {
                Remittance remittance = file.remittances().get(r);
                for (int c = 0; c < remittance.claims().size(); c++) {
                    if (!claims.contains(new Kept(r, c))) {
                        return false;
                    }
                }
                for (Remittance.ProviderAdjustment plb : remittance.providerAdjustments()) {
                    if (!providerAdjustments.contains(new Kept(r, plb.segment()))) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** BPR02 of the clinic's copy of remittance {@code r}: its CLP04s less its PLB amounts. */
        public BigDecimal amount(ReplyFile file, int r) {
            Remittance remittance = file.remittances().get(r);
            BigDecimal amount = BigDecimal.ZERO;
            for (int c = 0; c < remittance.claims().size(); c++) {
                if (claims.contains(new Kept(r, c))) {
                    amount = amount.add(remittance.claims().get(c).paid());
                }
            }
            for (Remittance.ProviderAdjustment plb : remittance.providerAdjustments()) {
                if (providerAdjustments.contains(new Kept(r, plb.segment()))) {
                    amount = amount.subtract(plb.amount());
                }
            }
            return amount.setScale(2, RoundingMode.HALF_UP);
        }
    }

    public byte[] write(ReplyFile file, Share share) throws X12ReplyException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int remittanceIndex = 0;
        try {
            for (X12Envelope.Interchange interchange : file.interchanges()) {
                List<GroupCopy> groups = new ArrayList<>();
                for (X12Envelope.Group group : interchange.groups()) {
                    List<List<ReplySegment>> sets = new ArrayList<>();
                    for (X12Envelope.TransactionSet set : group.sets()) {
                        if (!set.type().equals("835")) {
                            continue;
                        }
                        List<ReplySegment> copy = copy(set, file.remittances().get(remittanceIndex), remittanceIndex, share,
                                share.amount(file, remittanceIndex));
                        remittanceIndex++;
                        if (copy != null) {
                            sets.add(copy);
                        }
                    }
                    if (!sets.isEmpty()) {
                        groups.add(new GroupCopy(group.gs(), sets));
                    }
                }
                if (!groups.isEmpty()) {
                    writeInterchange(out, interchange, groups);
                }
            }
        } catch (EDIStreamException e) {
            throw new X12ReplyException("cannot write the copy of the 835: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private record GroupCopy(ReplySegment gs, List<List<ReplySegment>> sets) {
    }

    /** The set's segments with only the kept claims and PLBs, BPR02 replaced, SE excluded; null when nothing is kept. */
    private static List<ReplySegment> copy(X12Envelope.TransactionSet set, Remittance remittance, int index, Share share,
                                           BigDecimal amount) {
        List<ReplySegment> segments = set.segments();
        boolean[] inClaim = new boolean[segments.size()];
        boolean[] keep = new boolean[segments.size()];
        boolean any = false;
        for (int c = 0; c < remittance.claims().size(); c++) {
            Remittance.ClaimPayment claim = remittance.claims().get(c);
            boolean keepIt = share.claims().contains(new Kept(index, c));
            any |= keepIt;
            for (int i = claim.firstSegment(); i < claim.endSegment(); i++) {
                inClaim[i] = true;
                keep[i] = keepIt;
            }
        }
        for (Remittance.ProviderAdjustment plb : remittance.providerAdjustments()) {
            any |= share.providerAdjustments().contains(new Kept(index, plb.segment()));
        }
        if (!any) {
            return null;
        }
        List<ReplySegment> out = new ArrayList<>();
        List<ReplySegment> lxHeader = new ArrayList<>();
        boolean inLx = false;
        for (int i = 0; i < segments.size() - 1; i++) {
            ReplySegment segment = segments.get(i);
            if (inClaim[i]) {
                if (keep[i]) {
                    out.addAll(lxHeader);
                    lxHeader.clear();
                    out.add(segment);
                }
            } else if (segment.tag().equals("LX")) {
                inLx = true;
                lxHeader.clear();
                lxHeader.add(segment);
            } else if (segment.tag().equals("PLB")) {
                inLx = false;
                if (share.providerAdjustments().contains(new Kept(index, i))) {
                    out.add(segment);
                }
            } else if (inLx) {
                lxHeader.add(segment);
            } else if (segment.tag().equals("BPR")) {
                out.add(withElement(segment, 2, amount.toPlainString()));
            } else {
                out.add(segment);
            }
        }
        return out;
    }

    private static ReplySegment withElement(ReplySegment segment, int position, String value) {
        List<List<String>> elements = new ArrayList<>(segment.elements());
        elements.set(position - 1, List.of(value));
        return new ReplySegment(segment.tag(), elements, segment.number());
    }

    private static void writeInterchange(ByteArrayOutputStream out, X12Envelope.Interchange interchange,
                                         List<GroupCopy> groups) throws EDIStreamException {
        X12Envelope.Delimiters delimiters = interchange.delimiters();
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(Delimiters.SEGMENT, delimiters.segment());
        factory.setProperty(Delimiters.DATA_ELEMENT, delimiters.element());
        factory.setProperty(Delimiters.COMPONENT_ELEMENT, delimiters.component());
        if (!Character.isLetterOrDigit(delimiters.repetition())) {
            factory.setProperty(Delimiters.REPETITION, delimiters.repetition());
        }
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
        EDIStreamWriter writer = factory.createEDIStreamWriter(out, "US-ASCII");
        writer.startInterchange();
        segment(writer, interchange.isa());
        for (GroupCopy group : groups) {
            segment(writer, group.gs());
            for (List<ReplySegment> set : group.sets()) {
                for (ReplySegment segment : set) {
                    segment(writer, segment);
                }
                raw(writer, "SE", String.valueOf(set.size() + 1), set.get(0).element(2));
            }
            raw(writer, "GE", String.valueOf(group.sets().size()), group.gs().element(6));
        }
        raw(writer, "IEA", String.valueOf(groups.size()), interchange.controlNumber());
        writer.endInterchange();
        writer.flush();
    }

    private static void segment(EDIStreamWriter writer, ReplySegment segment) throws EDIStreamException {
        writer.writeStartSegment(segment.tag());
        for (List<String> element : segment.elements()) {
            if (element.size() > 1) {
                writer.writeStartElement();
                for (String component : element) {
                    writer.writeComponent(component);
                }
                writer.endElement();
            } else {
                writer.writeElement(element.isEmpty() ? "" : element.get(0));
            }
        }
        writer.writeEndSegment();
    }

    private static void raw(EDIStreamWriter writer, String tag, String... elements) throws EDIStreamException {
        writer.writeStartSegment(tag);
        for (String element : elements) {
            writer.writeElement(element);
        }
        writer.writeEndSegment();
    }
}

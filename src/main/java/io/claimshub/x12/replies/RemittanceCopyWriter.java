package io.claimshub.x12.replies;

import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes, with StAEDI, a copy of the 835 sets of a reply file that holds only some of their claims
 * (CLP loops): what one clinic may see of a remittance that also pays other clinics' claims. The
 * envelopes, the payment header (BPR, TRN, payer, payee) and the LX headers of kept claims are copied
 * as they were, in the sender's delimiters; SE01, GE01 and IEA01 are recounted. Provider-level
 * adjustments (PLB) are left out: they belong to the whole payment, not to one clinic's claims. The
 * BPR amount is the whole payment's, as the payer sent it.
 */
public final class RemittanceCopyWriter {

    /** A claim to keep: the index of its remittance in {@link ReplyFile#remittances()} and of the claim in it. */
    public record Kept(int remittance, int claim) {
    }

    public byte[] write(ReplyFile file, Set<Kept> kept) throws X12ReplyException {
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
                        List<ReplySegment> copy = copy(set, file.remittances().get(remittanceIndex), remittanceIndex, kept);
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

    /** The set's segments with only the kept claims, SE excluded; null when none of its claims is kept. */
    private static List<ReplySegment> copy(X12Envelope.TransactionSet set, Remittance remittance, int index, Set<Kept> kept) {
        List<ReplySegment> segments = set.segments();
        boolean[] inClaim = new boolean[segments.size()];
        boolean[] keep = new boolean[segments.size()];
        boolean any = false;
        for (int c = 0; c < remittance.claims().size(); c++) {
            Remittance.ClaimPayment claim = remittance.claims().get(c);
            boolean keepIt = kept.contains(new Kept(index, c));
            any |= keepIt;
            for (int i = claim.firstSegment(); i < claim.endSegment(); i++) {
                inClaim[i] = true;
                keep[i] = keepIt;
            }
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
            } else if (inLx) {
                lxHeader.add(segment);
            } else {
                out.add(segment);
            }
        }
        return out;
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

package io.claimshub.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import io.claimshub.claim.Reason;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The segments of a message in the order they were written: as the lean reader split them, or as HAPI
 * parsed them, whatever group HAPI put them in. Empty segments are left out.
 *
 * <p>For a HAPI message, walking the whole structure instead of the typed DFT_P03 groups matters for real feeds: when a
 * clinic writes DG1 before its FT1s, HAPI files the FT1s as non-standard segments outside the FINANCIAL
 * group, where {@code getFINANCIALAll()} would never see them.
 */
final class MessageSegments {

    private final List<SegmentFields> segments;

    /** @param segments in message order; the empty ones are left out */
    MessageSegments(List<SegmentFields> segments) {
        List<SegmentFields> kept = new ArrayList<>(segments.size());
        for (SegmentFields segment : segments) {
            if (!segment.isEmpty()) {
                kept.add(segment);
            }
        }
        this.segments = kept;
    }

    static MessageSegments of(Message message) {
        List<SegmentFields> segments = new ArrayList<>();
        collect(message, segments);
        return new MessageSegments(segments);
    }

    /**
     * Readers for every segment of one kind, each labelled "FT1 #n": n is the segment's set id (field 1)
     * when every segment of that kind has a distinct positive one, else its position among them, so two
     * labels never collide.
     */
    List<FieldReader> readers(String name, List<Reason> problems) {
        List<SegmentFields> named = new ArrayList<>();
        for (SegmentFields segment : segments) {
            if (segment.name().equals(name)) {
                named.add(segment);
            }
        }
        boolean useSetIds = distinctSetIds(named);
        List<FieldReader> readers = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            int number = useSetIds ? setId(named.get(i)) : i + 1;
            readers.add(new FieldReader(named.get(i), name + " #" + number, problems));
        }
        return readers;
    }

    /** The first segment of that kind, labelled by its name alone ("PID"), or null when there is none. */
    FieldReader first(String name, List<Reason> problems) {
        for (SegmentFields segment : segments) {
            if (segment.name().equals(name)) {
                return new FieldReader(segment, name, problems);
            }
        }
        return null;
    }

    /** Field 1 (set id) as a positive number, or 0 when it is empty or not one. */
    private static int setId(SegmentFields segment) {
        return new FieldReader(segment, segment.name(), List.of()).positiveInteger(1);
    }

    private static boolean distinctSetIds(List<SegmentFields> named) {
        Set<Integer> seen = new HashSet<>();
        for (SegmentFields segment : named) {
            int setId = setId(segment);
            if (setId == 0 || !seen.add(setId)) {
                return false;
            }
        }
        return true;
    }

    private static void collect(Group group, List<SegmentFields> segments) {
        for (String name : group.getNames()) {
            try {
                for (Structure structure : group.getAll(name)) {
                    if (structure instanceof Segment segment) {
                        segments.add(new HapiSegment(segment));
                    } else {
                        collect((Group) structure, segments);
                    }
                }
            } catch (HL7Exception e) {
                throw new IllegalStateException("HAPI lists " + name + " in " + group.getName() + " but cannot return it", e);
            }
        }
    }
}

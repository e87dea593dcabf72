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
 * The segments of a parsed message in the order they were written, whatever group HAPI put them in.
 *
 * <p>Walking the whole structure instead of the typed DFT_P03 groups matters for real feeds: when a
 * clinic writes DG1 before its FT1s, HAPI files the FT1s as non-standard segments outside the FINANCIAL
 * group, where {@code getFINANCIALAll()} would never see them.
 */
final class MessageSegments {

    private final List<Segment> segments = new ArrayList<>();

    MessageSegments(Message message) {
        collect(message);
    }

    /**
     * Readers for every segment of one kind, each labelled "FT1 #n": n is the segment's set id (field 1)
     * when every segment of that kind has a distinct positive one, else its position among them, so two
     * labels never collide.
     */
    List<FieldReader> readers(String name, List<Reason> problems) {
        List<Segment> named = segments.stream().filter(s -> s.getName().equals(name)).toList();
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
        return segments.stream()
                .filter(s -> s.getName().equals(name))
                .findFirst()
                .map(s -> new FieldReader(s, name, problems))
                .orElse(null);
    }

    /** Field 1 (set id) as a positive number, or 0 when it is empty or not one. */
    private static int setId(Segment segment) {
        return new FieldReader(segment, segment.getName(), List.of()).positiveInteger(1);
    }

    private static boolean distinctSetIds(List<Segment> named) {
        Set<Integer> seen = new HashSet<>();
        for (Segment segment : named) {
            int setId = setId(segment);
            if (setId == 0 || !seen.add(setId)) {
                return false;
            }
        }
        return true;
    }

    private void collect(Group group) {
        for (String name : group.getNames()) {
            try {
                for (Structure structure : group.getAll(name)) {
                    if (structure instanceof Segment segment) {
                        if (!segment.isEmpty()) {
                            segments.add(segment);
                        }
                    } else {
                        collect((Group) structure);
                    }
                }
            } catch (HL7Exception e) {
                throw new IllegalStateException("HAPI lists " + name + " in " + group.getName() + " but cannot return it", e);
            }
        }
    }
}

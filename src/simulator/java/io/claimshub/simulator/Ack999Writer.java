package io.claimshub.simulator;

import io.claimshub.simulator.Received837.ElementError;
import io.claimshub.simulator.Received837.Group;
import io.claimshub.simulator.Received837.SegmentError;
import io.claimshub.simulator.Received837.TransactionSet;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The 999 implementation acknowledgment (005010X231A1) for one received interchange: one ST per
 * functional group, AK1 with its GS06, one AK2/IK5 per transaction set with IK3/IK4 for each error.
 */
public final class Ack999Writer {

    static final String VERSION = "005010X231A1";

    public byte[] write(Received837 received, long controlNumber, LocalDateTime created) {
        X12Out out = new X12Out(received.envelope(), controlNumber, created);
        out.startGroup("FA", VERSION);
        for (Group group : received.groups()) {
            writeSet(out, group);
        }
        out.endGroup();
        return out.finish(1);
    }

    private static void writeSet(X12Out out, Group group) {
        out.startSet("999", VERSION);
        out.segment("AK1", group.functionalId(), group.controlNumber(), group.version());
        int accepted = 0;
        for (TransactionSet set : group.sets()) {
            out.segment("AK2", set.identifier(), set.controlNumber(), group.version());
            for (SegmentError error : set.errors()) {
                out.segment("IK3", error.tag(), String.valueOf(error.position()), error.loop(), error.code());
                for (ElementError element : error.elements()) {
                    String[] position = element.component() > 0
                            ? new String[]{String.valueOf(element.position()), String.valueOf(element.component())}
                            : new String[]{String.valueOf(element.position())};
                    out.segment("IK4", position, element.reference(), element.code(), element.badValue());
                }
            }
            if (set.accepted()) {
                accepted++;
                out.segment("IK5", "A");
            } else {
                List<Object> ik5 = new ArrayList<>();
                ik5.add("R");
                if (set.setErrorCode() != null) {
                    ik5.add(set.setErrorCode());
                }
                if (!set.errors().isEmpty()) {
                    ik5.add("5");
                }
                out.segment("IK5", ik5.toArray());
            }
        }
        List<Object> ak9 = new ArrayList<>();
        int count = group.sets().size();
        ak9.add(!group.errorCodes().isEmpty() || accepted == 0 ? "R" : accepted == count ? "A" : "P");
        ak9.add(String.valueOf(count));
        ak9.add(String.valueOf(count));
        ak9.add(String.valueOf(group.errorCodes().isEmpty() ? accepted : 0));
        group.errorCodes().stream().distinct().limit(5).forEach(ak9::add);
        out.segment("AK9", ak9.toArray());
        out.endSet();
    }
}

package io.claimshub.x12.replies;

import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What posting software checks in an 835 before it posts it, done independently of the hub's reader:
 * StAEDI reads the file against its X12 00501 control schema (envelopes, trailer counts, control
 * numbers) and every validation error it reports is collected; then, per transaction set, BPR02 must
 * equal ΣCLP04 − Σ PLB amounts (005010X221A1 section 1.10.2.1, "balancing").
 */
public final class Remittance835Check {

    /** One transaction set's totals. */
    public record SetTotals(String st02, BigDecimal bpr02, BigDecimal claimsPaid, BigDecimal providerAdjustments,
                            int plbSegments, int clpSegments) {
        public boolean balanced() {
            return bpr02.compareTo(claimsPaid.subtract(providerAdjustments)) == 0;
        }
    }

    public record Result(List<String> errors, List<SetTotals> sets) {
    }

    private Remittance835Check() {
    }

    public static Result check(byte[] content) throws Exception {
        List<String> errors = new ArrayList<>();
        List<SetTotals> sets = new ArrayList<>();
        EDIInputFactory factory = EDIInputFactory.newFactory();
        try (EDIStreamReader reader = factory.createEDIStreamReader(new ByteArrayInputStream(content))) {
            String tag = null;
            List<String> elements = new ArrayList<>();
            String st02 = null;
            BigDecimal bpr = null;
            BigDecimal paid = BigDecimal.ZERO;
            BigDecimal plb = BigDecimal.ZERO;
            int plbs = 0;
            int clps = 0;
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_INTERCHANGE -> reader.setControlSchema(
                            SchemaFactory.newFactory().getControlSchema("X12", new String[]{"00501"}));
                    case START_SEGMENT -> {
                        tag = reader.getText();
                        elements = new ArrayList<>();
                    }
                    case ELEMENT_DATA -> {
                        int position = reader.getLocation().getElementPosition();
                        int component = reader.getLocation().getComponentPosition();
                        if (component <= 1) {
                            while (elements.size() < position) {
                                elements.add("");
                            }
                            elements.set(position - 1, reader.getText());
                        }
                    }
                    case END_SEGMENT -> {
                        switch (tag) {
                            case "ST" -> {
                                st02 = elements.get(1);
                                bpr = null;
                                paid = BigDecimal.ZERO;
                                plb = BigDecimal.ZERO;
                                plbs = 0;
                                clps = 0;
                            }
                            case "BPR" -> bpr = new BigDecimal(elements.get(1));
                            case "CLP" -> {
                                paid = paid.add(new BigDecimal(elements.get(3)));
                                clps++;
                            }
                            case "PLB" -> {
                                plbs++;
                                for (int i = 3; i < elements.size(); i += 2) {
                                    if (!elements.get(i).isEmpty()) {
                                        plb = plb.add(new BigDecimal(elements.get(i)));
                                    }
                                }
                            }
                            case "SE" -> sets.add(new SetTotals(st02, bpr, paid, plb, plbs, clps));
                            default -> {
                            }
                        }
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> errors.add(event + " "
                            + reader.getErrorType() + " at segment " + reader.getLocation().getSegmentPosition()
                            + " " + reader.getLocation().getSegmentTag());
                    default -> {
                    }
                }
            }
        }
        return new Result(errors, sets);
    }
}

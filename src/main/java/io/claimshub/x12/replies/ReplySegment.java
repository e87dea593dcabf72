package io.claimshub.x12.replies;

import java.util.List;

/**
 * One segment as StAEDI read it: elements, each a list of components (a simple element has one).
 * Positions are 1-based, as in the X12 guides; {@code number} is the segment's place in the file.
 */
public record ReplySegment(String tag, List<List<String>> elements, int number) {

    public ReplySegment {
        elements = List.copyOf(elements);
    }

    /** The first component of element {@code position}, "" when absent. */
    public String element(int position) {
        return component(position, 1);
    }

    public String component(int position, int component) {
        if (position < 1 || position > elements.size() || component > elements.get(position - 1).size()) {
            return "";
        }
        String value = elements.get(position - 1).get(component - 1);
        return value == null ? "" : value;
    }

    public List<String> components(int position) {
        return position > elements.size() ? List.of() : elements.get(position - 1);
    }

    /** "segment 12 (CLP)", the way error messages name a place in the file. */
    public String where() {
        return "segment " + number + " (" + tag + ")";
    }
}

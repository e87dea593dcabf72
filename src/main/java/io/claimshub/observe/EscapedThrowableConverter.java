package io.claimshub.observe;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * {@code %escapedEx} in a log4j2 pattern: a logged exception's stack trace as the JVM prints it (causes,
 * suppressed exceptions, "... n more"), but with each exception's text escaped by {@link LogText}. An
 * exception message quoting a file name with a line break would otherwise start a line of its own,
 * looking like a log entry.
 */
@Plugin(name = "EscapedThrowableConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"escapedEx"})
public final class EscapedThrowableConverter extends LogEventPatternConverter {

    private static final EscapedThrowableConverter INSTANCE = new EscapedThrowableConverter();
    private static final String NL = System.lineSeparator();

    private EscapedThrowableConverter() {
        super("EscapedThrowable", "throwable");
    }

    /** Called by log4j for each pattern that uses the key. */
    public static EscapedThrowableConverter newInstance(String[] options) {
        return INSTANCE;
    }

    /** Tells the layout that this pattern prints exceptions, so it does not append its own. */
    @Override
    public boolean handlesThrowable() {
        return true;
    }

    @Override
    public void format(LogEvent event, StringBuilder toAppendTo) {
        Throwable thrown = event.getThrown();
        if (thrown != null) {
            print(thrown, toAppendTo, new StackTraceElement[0], "", "", Collections.newSetFromMap(new IdentityHashMap<>()));
        }
    }

    private static void print(Throwable thrown, StringBuilder out, StackTraceElement[] enclosing, String caption,
                              String indent, Set<Throwable> seen) {
        if (!seen.add(thrown)) {
            out.append(indent).append(caption).append("[CIRCULAR REFERENCE: ").append(LogText.escape(String.valueOf(thrown)))
                    .append(']').append(NL);
            return;
        }
        StackTraceElement[] trace = thrown.getStackTrace();
        int last = trace.length - 1;
        int enclosingLast = enclosing.length - 1;
        while (last >= 0 && enclosingLast >= 0 && trace[last].equals(enclosing[enclosingLast])) {
            last--;
            enclosingLast--;
        }
        out.append(indent).append(caption).append(LogText.escape(String.valueOf(thrown))).append(NL);
        for (int i = 0; i <= last; i++) {
            out.append(indent).append("\tat ").append(LogText.escape(trace[i].toString())).append(NL);
        }
        int inCommon = trace.length - 1 - last;
        if (inCommon > 0) {
            out.append(indent).append("\t... ").append(inCommon).append(" more").append(NL);
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            print(suppressed, out, trace, "Suppressed: ", indent + "\t", seen);
        }
        if (thrown.getCause() != null) {
            print(thrown.getCause(), out, trace, "Caused by: ", indent, seen);
        }
    }
}

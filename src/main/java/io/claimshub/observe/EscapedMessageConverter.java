package io.claimshub.observe;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;

/**
 * {@code %escapedMsg} in a log4j2 pattern: the formatted message with control characters escaped by
 * {@link LogText}. Used instead of {@code %msg} in log4j2.xml so that no logger (the hub's, Camel's or a
 * library's) can be made to write a forged line by a value it logs.
 */
@Plugin(name = "EscapedMessageConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"escapedMsg"})
public final class EscapedMessageConverter extends LogEventPatternConverter {

    private static final EscapedMessageConverter INSTANCE = new EscapedMessageConverter();

    private EscapedMessageConverter() {
        super("EscapedMessage", "message");
    }

    /** Called by log4j for each pattern that uses the key. */
    public static EscapedMessageConverter newInstance(String[] options) {
        return INSTANCE;
    }

    @Override
    public void format(LogEvent event, StringBuilder toAppendTo) {
        int start = toAppendTo.length();
        toAppendTo.append(event.getMessage().getFormattedMessage());
        LogText.escapeFrom(toAppendTo, start);
    }
}

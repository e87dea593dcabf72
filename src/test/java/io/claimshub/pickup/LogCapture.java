package io.claimshub.pickup;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.StringWriter;

/** Everything logged while it is open, as "LEVEL logger message" lines. */
public final class LogCapture implements AutoCloseable {

    private final StringWriter sink = new StringWriter();
    private final WriterAppender appender;

    public LogCapture() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        appender = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%p %c{1} %m%n%ex").build(),
                null, sink, "pickup-capture-" + System.nanoTime(), false, true);
        appender.start();
        context.getConfiguration().addAppender(appender);
        context.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
    }

    public String text() {
        synchronized (sink) {
            return sink.toString();
        }
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}

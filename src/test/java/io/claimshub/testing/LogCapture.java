package io.claimshub.testing;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.StringWriter;

/** Everything logged while it is open, as "LEVEL logger message" lines (or as the hub's log shows them). */
public final class LogCapture implements AutoCloseable {

    private final StringWriter sink = new StringWriter();
    private final WriterAppender appender;

    public LogCapture() {
        this(PatternLayout.newBuilder().withPattern("%p %c{1} %m%n%ex").build());
    }

    private LogCapture(Layout<? extends java.io.Serializable> layout) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        appender = WriterAppender.createAppender((org.apache.logging.log4j.core.StringLayout) layout,
                null, sink, "pickup-capture-" + System.nanoTime(), false, true);
        appender.start();
        context.getConfiguration().addAppender(appender);
        context.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
    }

    /** Lines exactly as the hub's console log writes them (the layout of log4j2.xml's "console" appender). */
    public static LogCapture withHubLayout() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        return new LogCapture(context.getConfiguration().getAppender("console").getLayout());
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

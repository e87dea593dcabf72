package io.claimshub.cli;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code convert}'s progress line on a terminal: messages read, claims ready and the rate, rewritten in
 * place (carriage return) once a second after the first two seconds, so short runs show nothing. Only
 * for a terminal: in a file or a pipe the line would be noise, so {@link #NONE} is used there.
 */
public class ConvertProgress {

    /** No progress line at all: stdout is not a terminal. */
    public static final ConvertProgress NONE = new ConvertProgress();

    private static final long FIRST_AFTER = TimeUnit.SECONDS.toNanos(2);
    private static final long EVERY = TimeUnit.SECONDS.toNanos(1);

    private ConvertProgress() {
    }

    /** @param nanoTime the clock ({@code System::nanoTime}; tests pass their own) */
    public static ConvertProgress onTerminal(PrintStream out, LongSupplier nanoTime) {
        return new Shown(out, nanoTime);
    }

    /** Called after each message or claim read. */
    void update(long read, long ready) {
    }

    /** Removes the line, before other output and at the end. */
    void clear() {
    }

    private static final class Shown extends ConvertProgress {

        private final PrintStream out;
        private final LongSupplier nanoTime;
        private final long started;
        private long nextAt;
        private int shownWidth;

        Shown(PrintStream out, LongSupplier nanoTime) {
            this.out = out;
            this.nanoTime = nanoTime;
            this.started = nanoTime.getAsLong();
            this.nextAt = started + FIRST_AFTER;
        }

        @Override
        void update(long read, long ready) {
            long now = nanoTime.getAsLong();
            if (now - nextAt < 0) {
                return;
            }
            nextAt = now + EVERY;
            long perSecond = read * TimeUnit.SECONDS.toNanos(1) / Math.max(1, now - started);
            String line = read + " messages read, " + ready + " claims ready, " + perSecond + " messages/s";
            out.print("\r" + line + " ".repeat(Math.max(0, shownWidth - line.length())));
            out.flush();
            shownWidth = line.length();
        }

        @Override
        void clear() {
            if (shownWidth > 0) {
                out.print("\r" + " ".repeat(shownWidth) + "\r");
                out.flush();
                shownWidth = 0;
            }
        }
    }
}

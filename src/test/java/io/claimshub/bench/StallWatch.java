package io.claimshub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * For {@link MllpLoadGenerator}: while an ACK has been awaited longer than a threshold, prints the
 * stacks of the threads in this JVM (the hub's among them) once per stall, so the thread the ACK waits
 * for shows. Off with a threshold of 0.
 */
final class StallWatch {

    private final AtomicLongArray sentAt;
    private final long thresholdNanos;
    private volatile boolean running = true;
    private Thread thread;

    private StallWatch(int connections, long thresholdMillis) {
        this.sentAt = new AtomicLongArray(connections);
        this.thresholdNanos = thresholdMillis * 1_000_000L;
    }

    static StallWatch start(int connections, long thresholdMillis) {
        StallWatch watch = new StallWatch(connections, thresholdMillis);
        if (thresholdMillis > 0) {
            watch.thread = new Thread(watch::watch, "stall-watch");
            watch.thread.setDaemon(true);
            watch.thread.start();
        }
        return watch;
    }

    void sending(int connection, long nanoTime) {
        sentAt.set(connection, nanoTime);
    }

    void answered(int connection) {
        sentAt.set(connection, 0);
    }

    void stop() {
        running = false;
    }

    private void watch() {
        boolean dumped = false;
        while (running) {
            long now = System.nanoTime();
            boolean stalled = false;
            for (int c = 0; c < sentAt.length(); c++) {
                long sent = sentAt.get(c);
                stalled |= sent != 0 && now - sent > thresholdNanos;
            }
            if (stalled && !dumped) {
                dump();
            }
            dumped = stalled;
            try {
                Thread.sleep(thresholdNanos / 4_000_000L + 1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void dump() {
        StringBuilder text = new StringBuilder("=== ACK stalled at " + Instant.now() + " ===\n");
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            if (info.getThreadName().startsWith("pool-") || info.getThreadName().equals("stall-watch")) {
                continue;
            }
            text.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
            if (info.getLockName() != null) {
                text.append(" on ").append(info.getLockName()).append(" owned by ").append(info.getLockOwnerName());
            }
            text.append('\n');
            for (StackTraceElement frame : info.getStackTrace()) {
                text.append("    at ").append(frame).append('\n');
            }
        }
        System.out.print(text);
    }
}

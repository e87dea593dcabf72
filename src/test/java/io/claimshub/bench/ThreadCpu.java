package io.claimshub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time and blocking waits of another process's threads, from /proc/PID/task/TID (Linux only). Two
 * snapshots give what each kind of thread spent between them, summed by name with the digits taken out
 * ({@code pool-3-thread-7} counts as {@code pool-#-thread-#}; names are cut to 15 characters there): the
 * MLLP connection threads, the group commit, the batch writer, GC and JIT apart. camel-mllp renames a
 * connection's pool thread while the connection is open ({@code TcpSocketConsumerRunnable…}); both names
 * count as {@code pool-#-thread-#}. A voluntary context switch is a thread giving up the CPU to wait (for
 * the socket, a lock, another thread's answer): per message, it counts the hand-offs between threads.
 */
record ThreadCpu(Map<Long, Sample> byThread) {

    /** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    /** @param kernelNanos the part of {@code cpuNanos} spent in the kernel (stime): sockets, waking, page faults */
    record Sample(String kind, long cpuNanos, long kernelNanos, long waits) {
    }

    static ThreadCpu of(long pid) {
        Map<Long, Sample> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close);
                    String kind = name.startsWith("TcpSocketConsum") ? "pool-#-thread-#" : name.replaceAll("\\d+", "#");
                    // fields after the name: state is the 3rd of the line, utime the 14th, stime the 15th
                    String[] rest = stat.substring(close + 2).split(" ");
                    long kernelTicks = Long.parseLong(rest[12]);
                    long ticks = Long.parseLong(rest[11]) + kernelTicks;
                    long waits = Files.readAllLines(task.resolve("status")).stream()
                            .filter(line -> line.startsWith("voluntary_ctxt_switches:")).findFirst()
                            .map(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip())).orElse(0L);
                    threads.put(Long.parseLong(task.getFileName().toString()),
                            new Sample(kind, ticks * 1_000_000_000L / TICKS_PER_SECOND,
                                    kernelTicks * 1_000_000_000L / TICKS_PER_SECOND, waits));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            });
        } catch (IOException e) {
            return new ThreadCpu(Map.of());
        }
        return new ThreadCpu(threads);
    }

    /**
     * Each kind of thread's CPU (µs, with the kernel's share) and waits since {@code before}, per message,
     * largest CPU first, as one line. A thread that ended in between is missing; long-lived ones are what it is for.
     */
    String perMessageSince(ThreadCpu before, int messages) {
        Map<String, long[]> spent = new TreeMap<>();
        byThread.forEach((tid, now) -> {
            Sample then = before.byThread.getOrDefault(tid, new Sample(now.kind(), 0, 0, 0));
            long[] sum = spent.computeIfAbsent(now.kind(), kind -> new long[3]);
            sum[0] += now.cpuNanos() - then.cpuNanos();
            sum[1] += now.waits() - then.waits();
            sum[2] += now.kernelNanos() - then.kernelNanos();
        });
        StringBuilder line = new StringBuilder();
        spent.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> line.append(line.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                        .append(Math.round(e.getValue()[0] / 1e3 / messages)).append(" µs")
                        .append(String.format(" (%d %% kernel)", Math.round(100.0 * e.getValue()[2] / e.getValue()[0])))
                        .append(String.format(" %.2f waits", (double) e.getValue()[1] / messages)));
        return line.toString();
    }
}

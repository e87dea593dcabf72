package io.claimshub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of another process's threads, summed by thread name with the digits taken out
 * ({@code pool-3-thread-7} counts as {@code pool-#-thread-#}), read from /proc/PID/task/TID/stat (Linux
 * only; names are cut to 15 characters there). Two snapshots give what each kind of thread spent
 * between them: the MLLP connection threads, the group commit, the batch writer, GC and JIT apart.
 * Threads that ended between the snapshots are missing from the later one; long-lived ones are what it is for.
 */
record ThreadCpu(Map<String, Long> nanosByName) {

    /** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    static ThreadCpu of(long pid) {
        Map<String, Long> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close).replaceAll("\\d+", "#");
                    // fields after the name: state is the 3rd of the line, utime the 14th, stime the 15th
                    String[] rest = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
                    byName.merge(name, ticks * 1_000_000_000L / TICKS_PER_SECOND, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            });
        } catch (IOException e) {
            return new ThreadCpu(Map.of());
        }
        return new ThreadCpu(byName);
    }

    /** Each kind of thread's CPU since {@code before}, in µs per message, largest first, as one line. */
    String perMessageSince(ThreadCpu before, int messages) {
        Map<String, Long> spent = new TreeMap<>();
        nanosByName.forEach((name, nanos) -> {
            long used = nanos - before.nanosByName.getOrDefault(name, 0L);
            if (used > 0) {
                spent.put(name, used);
            }
        });
        StringBuilder line = new StringBuilder();
        spent.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> line.append(line.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                        .append(Math.round(e.getValue() / 1e3 / messages)).append(" µs"));
        return line.toString();
    }
}

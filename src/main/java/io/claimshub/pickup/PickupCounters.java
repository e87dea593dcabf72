package io.claimshub.pickup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What reply pickup did per payer since the hub started: for operators and tests (bound as {@code replyPickupCounters}). */
public final class PickupCounters {

    /** One payer's counts. */
    public static final class Counts {
        private final AtomicLong landed = new AtomicLong();
        private final AtomicLong duplicates = new AtomicLong();
        private final AtomicLong unsafeNames = new AtomicLong();
        private final AtomicLong failedFiles = new AtomicLong();
        private final AtomicLong failedPolls = new AtomicLong();

        void countLanded() {
            landed.incrementAndGet();
        }

        void countDuplicate() {
            duplicates.incrementAndGet();
        }

        void countUnsafeName() {
            unsafeNames.incrementAndGet();
        }

        void countFailedFile() {
            failedFiles.incrementAndGet();
        }

        void countFailedPoll() {
            failedPolls.incrementAndGet();
        }

        /** Files stored under a new name. */
        public long landed() {
            return landed.get();
        }

        /** Files whose content had been stored before: removed remotely, not stored again. */
        public long duplicates() {
            return duplicates.get();
        }

        /** Listed names refused by {@link RemoteFileNames}, counted at every poll that saw them. */
        public long unsafeNames() {
            return unsafeNames.get();
        }

        /** Files that could not be stored (left on the server for the next poll). */
        public long failedFiles() {
            return failedFiles.get();
        }

        /** Polls that could not connect, log in or list. */
        public long failedPolls() {
            return failedPolls.get();
        }
    }

    private final Map<String, Counts> byPayer = new ConcurrentHashMap<>();

    public Counts of(String payerId) {
        return byPayer.computeIfAbsent(payerId, id -> new Counts());
    }
}

package io.claimshub.pickup;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sftp consumer's {@code filter}: Camel asks it about each listed entry before it downloads,
 * locks, moves or deletes anything, so a name {@link RemoteFileNames} refuses is never used. A refused
 * file stays on the server; it is logged at WARN the first time it is seen (every poll lists it again)
 * and counted every time.
 */
public final class SafeRemoteNameFilter implements GenericFileFilter<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(SafeRemoteNameFilter.class);
    private static final int REMEMBERED = 1000;

    private final String payerId;
    private final PickupCounters counters;
    /** Names already warned about, so a file the payer never removes is not logged at every poll. */
    private final Set<String> warned = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    public SafeRemoteNameFilter(String payerId, PickupCounters counters) {
        this.payerId = payerId;
        this.counters = counters;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        // The listed name itself, before Camel joined it onto a path; the name Camel derived is checked too.
        String listed = file.getFile() instanceof SftpRemoteFile<?> remote ? remote.getFilename() : file.getFileNameOnly();
        Optional<String> problem = RemoteFileNames.problem(listed)
                .or(() -> RemoteFileNames.problem(file.getFileNameOnly()));
        if (problem.isEmpty()) {
            return true;
        }
        counters.of(payerId).countUnsafeName();
        boolean first;
        synchronized (warned) {
            first = warned.add(listed == null ? "" : listed);
        }
        if (first) {
            LOG.warn("reply pickup {}: skipped remote file {}: {}; it is left on the server (ask the payer to"
                    + " rename or remove it)", payerId, RemoteFileNames.render(listed), problem.get());
        } else {
            LOG.debug("reply pickup {}: still skipping remote file {}", payerId, RemoteFileNames.render(listed));
        }
        return false;
    }
}

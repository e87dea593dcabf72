package io.claimshub;

import java.nio.file.Path;

/**
 * Where the hub keeps its work: relative paths in the config resolve against {@code workDir}, so two hubs
 * started in two directories never share state (tests point it at a temporary directory).
 */
record HubFolders(Path workDir, Path configDir, Path dataDir) {

    /** A path from the config, resolved against the working directory. */
    Path resolve(String configured) {
        return workDir.resolve(configured);
    }
}

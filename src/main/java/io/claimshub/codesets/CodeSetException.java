package io.claimshub.codesets;

import java.nio.file.Path;

/**
 * A code-set file that cannot be used as it is: the file and the line are named so the operator can
 * replace it. A set is never half loaded.
 */
public final class CodeSetException extends RuntimeException {

    public CodeSetException(Path file, int line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
    }

    public CodeSetException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}

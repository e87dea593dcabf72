package io.claimshub.pickup;

/** Turns a failed SFTP poll's exception chain into a sentence that says what to do. No Camel here. */
final class PollFailures {

    private PollFailures() {
    }

    static String explain(Throwable failure, SftpLogin login) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            String type = t.getClass().getSimpleName();
            if (type.equals("JSchUnknownHostKeyException") || message.startsWith("UnknownHostKey")
                    || message.startsWith("reject HostKey")) {
                return "the server's host key is not in " + login.knownHostsFile() + " (" + oneLine(message)
                        + "), so the connection was refused (strict host key checking). Check the fingerprint with"
                        + " the payer, then add it: ssh-keyscan -t ed25519 -p " + login.port() + " " + login.host()
                        + " >> " + login.knownHostsFile();
            }
            if (type.equals("JSchChangedHostKeyException") || message.startsWith("HostKey has been changed")) {
                return "the server's host key is not the one in " + login.knownHostsFile() + " (" + oneLine(message)
                        + "): someone may be intercepting the connection, or the payer changed its key. Confirm"
                        + " the new fingerprint with the payer before replacing the line in known_hosts";
            }
            if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")
                    || type.equals("JSchAuthCancelException")) {
                return "the server refused the login of '" + login.username() + "' with "
                        + (login.privateKeyFile() != null ? "the key " + login.privateKeyFile() : "the password")
                        + " (" + oneLine(message) + ")";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "cannot connect or list " + login.directory() + ": " + oneLine(root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()));
    }

    /** Exception messages can quote the server: keep them on one printable line. */
    private static String oneLine(String text) {
        return RemoteFileNames.escape(text, 300);
    }
}

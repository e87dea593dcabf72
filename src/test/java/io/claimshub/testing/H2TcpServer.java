package io.claimshub.testing;

import org.apache.camel.test.AvailablePortFinder;
import org.h2.tools.Server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * An H2 database server on a free loopback port, for tests of a ledger that goes away: {@link #stop()}
 * is the outage, {@link #start()} brings the same database back on the same port.
 */
public final class H2TcpServer implements AutoCloseable {

    private final int port = FreePorts.next();
    private final Path baseDir;
    private Server server;

    /** Starts a server whose databases live in {@code baseDir}. */
    public H2TcpServer(Path baseDir) throws Exception {
        this.baseDir = Files.createDirectories(baseDir);
        start();
    }

    /** The URL of the ledger database {@code claims} on this server, for claimshub.ledger.url. */
    public String ledgerUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/claims";
    }

    public void start() throws SQLException {
        server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", baseDir.toString(),
                "-ifNotExists").start();
    }

    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }
}

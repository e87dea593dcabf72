package io.claimshub.testing;

import io.claimshub.api.SecretHash;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one test hub is, whichever way it runs ({@link HubHarness} in this JVM, {@code cluster.HubProcess}
 * as a JVM of its own): the working directory whose {@code data/} it fills, a config folder with its
 * partner files and API users, free loopback ports (never the shipped 9876: several hubs run at once),
 * the ledger it writes to (an H2 file under {@code data/} unless a test names another) and the
 * properties a test overrides.
 */
public final class HubSetup {

    private final Path workDir;
    private final Path configDir;
    private final int mllpPort = FreePorts.next();
    private final int httpPort = FreePorts.next();
    private final int managementPort = FreePorts.next();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private boolean shippedBindAddresses;

    /**
     * @param workDir   the directory the hub runs in; {@code data/} in it is its data folder
     * @param configDir its config folder (created): {@code workDir/config}, or a node's own in a cluster
     */
    public HubSetup(Path workDir, Path configDir) {
        this.workDir = workDir;
        this.configDir = configDir;
        try {
            Files.createDirectories(configDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a test config folder's clinics.yaml and payers.yaml (relative paths) into the config folder. */
    public HubSetup partnerConfig(String resourceFolder) {
        Fixtures.partnerConfig(resourceFolder, configDir);
        return this;
    }

    /** Copies clinics.yaml and payers.yaml from a folder on disk (e.g. the shipped config/). */
    public HubSetup partnerConfigFrom(Path folder) {
        Fixtures.partnerConfigFrom(folder, configDir);
        return this;
    }

    /** Writes one file of the config folder, e.g. a payers.yaml naming a port known only now. */
    public HubSetup configFile(String name, String content) {
        try {
            Files.writeString(configDir.resolve(name), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds an API user to the config folder's api-users.properties, as {@code claims-hub user add} would. */
    public HubSetup apiUser(String name, String role, String password) {
        return usersLine("user." + name + " = " + role + " " + SecretHash.create(password));
    }

    /** Adds an API user who sees only the given clinics (comma-separated ids). */
    public HubSetup apiUser(String name, String role, String password, String clinics) {
        return usersLine("user." + name + " = " + role + " " + SecretHash.create(password) + " clinics=" + clinics);
    }

    /** Adds an API key (a program's login) to api-users.properties. */
    public HubSetup apiKey(String name, String role, String key) {
        return usersLine("key." + name + " = " + role + " " + SecretHash.create(key));
    }

    private HubSetup usersLine(String line) {
        try {
            Files.writeString(usersFile(), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Overrides one key of config/application.properties for this hub. */
    public HubSetup property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** The ledger the hub writes to, e.g. a PostgreSQL schema of the test's own. */
    public HubSetup ledger(String url, String user, String password) {
        return property("claimshub.ledger.url", url).property("claimshub.ledger.user", user)
                .property("claimshub.ledger.password", password);
    }

    /**
     * Leaves the MLLP, API and management bind addresses as config/application.properties ships them
     * (otherwise pinned to 127.0.0.1), to test the shipped defaults.
     */
    public HubSetup shippedBindAddresses() {
        shippedBindAddresses = true;
        return this;
    }

    /**
     * Every key this hub overrides: its addresses, users file and ledger first, then the test's own
     * (they win).
     */
    public Map<String, String> properties() {
        Map<String, String> all = new LinkedHashMap<>();
        if (!shippedBindAddresses) {
            all.put("claimshub.mllp.host", "127.0.0.1");
            all.put("claimshub.http.host", "127.0.0.1");
            all.put("camel.management.host", "127.0.0.1");
        }
        all.put("claimshub.mllp.port", String.valueOf(mllpPort));
        all.put("claimshub.http.port", String.valueOf(httpPort));
        all.put("camel.management.port", String.valueOf(managementPort));
        all.put("claimshub.api.users-file", usersFile().toString());
        all.put("claimshub.ledger.url", h2LedgerUrl());
        all.put("claimshub.ledger.user", "sa");
        all.put("claimshub.ledger.password", "");
        all.putAll(properties);
        return all;
    }

    public Path workDir() {
        return workDir;
    }

    public Path configDir() {
        return configDir;
    }

    /** The H2 ledger file the hub writes to unless {@link #ledger} names another (a test reads it with this URL). */
    public String h2LedgerUrl() {
        return "jdbc:h2:file:" + workDir.resolve("data/ledger/claims") + ";WRITE_DELAY=0";
    }

    /** A data source on that H2 ledger file, for a test that reads or seeds the ledger while the hub runs. */
    public DataSource h2Ledger() {
        JdbcDataSource ledger = new JdbcDataSource();
        ledger.setURL(h2LedgerUrl());
        ledger.setUser("sa");
        ledger.setPassword("");
        return ledger;
    }

    /** The loopback port of the hub's MLLP listener. */
    public int mllpPort() {
        return mllpPort;
    }

    /** The loopback port of the hub's business HTTP port (REST API). */
    public int httpPort() {
        return httpPort;
    }

    /** The loopback port of the management server (/observe/health, /observe/metrics). */
    public int managementPort() {
        return managementPort;
    }

    /** The management server's base URL, e.g. {@code http://127.0.0.1:PORT/observe}. */
    public String observeUrl() {
        return "http://127.0.0.1:" + managementPort + "/observe";
    }

    private Path usersFile() {
        return configDir.resolve("api-users.properties");
    }
}

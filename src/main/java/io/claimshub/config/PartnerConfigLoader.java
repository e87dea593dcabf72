package io.claimshub.config;
// TEMPORARY STUB
public final class PartnerConfigLoader {
    public static PartnerConfig load(java.nio.file.Path dir, java.nio.file.Path work) throws ConfigException { throw new ConfigException("stub"); }
    public static java.nio.file.Path resolveConfigDir(String v) { return java.nio.file.Path.of(v == null ? "config" : v); }
}

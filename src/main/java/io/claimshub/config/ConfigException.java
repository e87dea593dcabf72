package io.claimshub.config;
// TEMPORARY STUB
public final class ConfigException extends Exception { public ConfigException(String m) { super(m); } }

package io.claimshub.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Loads the hub's partners from {@code clinics.yaml} and {@code payers.yaml} and checks them before
 * anything starts (see docs/configuration.md). All problems of both files are reported together.
 */
public final class PartnerConfigLoader {

    /** Environment variable naming the config directory when {@code --config} is not given. */
    public static final String CONFIG_DIR_ENV = "CLAIMSHUB_CONFIG";
    /** The config directory when neither {@code --config} nor {@value #CONFIG_DIR_ENV} is given. */
    public static final String DEFAULT_CONFIG_DIR = "config";

    private PartnerConfigLoader() {
    }

    /**
     * @param configDir the folder holding clinics.yaml and payers.yaml
     * @param workDir   the hub's working directory: relative paths in the files resolve against it
     * @throws ConfigException listing every problem found, one per line
     */
    public static PartnerConfig load(Path configDir, Path workDir) throws ConfigException {
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(workDir, "workDir");
        List<String> problems = new ArrayList<>();
        List<ClinicConfig> clinics = new ClinicsReader(workDir, problems)
                .read(YamlFile.read(configDir.resolve(ClinicsReader.FILE), problems));
        List<PayerConfig> payers = new PayersReader(workDir, problems)
                .read(YamlFile.read(configDir.resolve(PayersReader.FILE), problems));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new PartnerConfig(clinics, payers);
    }

    /**
     * The config directory: the {@code --config DIR} value if given, else the {@value #CONFIG_DIR_ENV}
     * environment variable, else {@code config} in the working directory.
     */
    public static Path resolveConfigDir(String cliValue) {
        return resolveConfigDir(cliValue, System::getenv);
    }

    static Path resolveConfigDir(String cliValue, UnaryOperator<String> environment) {
        if (cliValue != null && !cliValue.isBlank()) {
            return Path.of(cliValue.trim());
        }
        String fromEnvironment = environment.apply(CONFIG_DIR_ENV);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment.trim());
        }
        return Path.of(DEFAULT_CONFIG_DIR);
    }
}

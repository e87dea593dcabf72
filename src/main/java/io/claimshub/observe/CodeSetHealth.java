package io.claimshub.observe;

import io.claimshub.codesets.CodeSetFolder;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * What the code-set folder holds, for /observe/health: {@code codesets} is the same sentence the start-up
 * log has (which sets are loaded, which codes are checked by shape only), {@code missingFiscalYears} the
 * recent ICD-10-CM years without a file. Always UP: shape-only checking is a notice, not an outage.
 */
public final class CodeSetHealth extends AbstractHealthCheck {

    private final CodeSetFolder codeSets;

    public CodeSetHealth(CodeSetFolder codeSets) {
        super("claimshub", "codesets");
        this.codeSets = codeSets;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        codeSets.current();
        builder.detail("codesets", codeSets.summary());
        builder.detail("missingFiscalYears", codeSets.missingRecentFiscalYears().stream().map(y -> "FY" + y).toList().toString());
        builder.up();
    }
}

package io.claimshub;

import io.claimshub.config.PartnerConfig;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.RetentionPurge;
import io.claimshub.storage.FileRetention;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

import java.time.Clock;

/** Retention (routes/retention-purge.camel.yaml): patient data older than claimshub.retention.payload-days goes. */
public class RetentionConfiguration implements CamelConfiguration {

    @PropertyInject("claimshub.retention.payload-days")
    int payloadDays;

    @BindToRegistry("retentionPurge")
    public RetentionPurge retentionPurge(LedgerDatabase database, Clock clock) {
        return new RetentionPurge(database.dataSource(), clock, payloadDays);
    }

    @BindToRegistry("fileRetention")
    public FileRetention fileRetention(HubFolders folders, PartnerConfig partners, Clock clock) {
        return new FileRetention(folders.dataDir(), partners.clinics(), clock, payloadDays);
    }
}

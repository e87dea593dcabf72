package io.claimshub.bench;

import io.claimshub.hl7.DftMessage;
import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimEdits;
import io.claimshub.claim.ClaimJson;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.hl7.AckBuilder;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7MessageFactory;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.hl7.MessageHeader;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * CPU time of each step the MLLP handler takes before the ledger, one thread, no sockets: shows which
 * step to make cheaper. {@code -Dexec.args="ITERATIONS"}; see BENCHMARKS.md.
 */
public final class MllpStageBenchmark {

    private MllpStageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        PartnerConfig partners = PartnerConfigLoader.load(Path.of("config"), Path.of("."));
        Hl7Parser parser = new Hl7Parser();
        // the steps ClaimPreparation.prepare takes, timed one by one
        DftMapper mapper = new DftMapper();
        ClaimEdits edits = new ClaimEdits(Clock.systemUTC());
        AckBuilder acks = new AckBuilder("CLAIMSHUB", "CLAIMSHUB");
        Hl7MessageFactory factory = new Hl7MessageFactory(1);
        String[] messages = new String[1000];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = factory.next();
        }
        for (int round = 0; round < 3; round++) {
            long header = 0, parse = 0, map = 0, check = 0, json = 0, hash = 0, ack = 0;
            for (int i = 0; i < n; i++) {
                String er7 = messages[i % messages.length];
                long t0 = System.nanoTime();
                MessageHeader h = parser.header(er7);
                long t1 = System.nanoTime();
                DftMessage message = parser.read(er7);
                long t2 = System.nanoTime();
                Claim claim = mapper.map(message).claim();
                long t3 = System.nanoTime();
                ClinicConfig clinic = partners.clinicForSendingFacility(h.sendingFacility()).orElseThrow();
                edits.check(claim, partners.editContext(clinic, claim));
                long t4 = System.nanoTime();
                String text = ClaimJson.write(claim);
                long t5 = System.nanoTime();
                ClaimJson.contentHash(text);
                long t6 = System.nanoTime();
                acks.build(h, AckBuilder.Code.AA, List.of());
                long t7 = System.nanoTime();
                header += t1 - t0; parse += t2 - t1; map += t3 - t2; check += t4 - t3; json += t5 - t4; hash += t6 - t5; ack += t7 - t6;
            }
            System.out.printf("round %d (µs/msg): header %.1f parse %.1f map %.1f edits %.1f json %.1f hash %.1f ack %.1f total %.1f%n",
                    round, header / 1e3 / n, parse / 1e3 / n, map / 1e3 / n, check / 1e3 / n, json / 1e3 / n, hash / 1e3 / n, ack / 1e3 / n,
                    (header + parse + map + check + json + hash + ack) / 1e3 / n);
        }
    }
}

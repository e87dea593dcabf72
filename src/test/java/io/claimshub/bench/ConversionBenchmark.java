package io.claimshub.bench;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimEdits;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.config.PayerConfig;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7MessageFactory;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.intake.InputItem;
import io.claimshub.intake.RepeatedClaimIds;
import io.claimshub.intake.SourceRef;
import io.claimshub.x12.Claim837Writer;
import io.claimshub.x12.Interchange837;
import io.claimshub.x12.TransactionSet837;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Converts N generated DFT^P03 messages to one 837P stream on one thread and, on the same messages,
 * times HAPI's PipeParser.parse alone (default HapiContext, v2.5.1 canonical model so 2.3/2.4 parse
 * too). Prints both rates and their ratio, by wall time and by this thread's CPU time. Run (see BENCHMARKS.md):
 * <pre>mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.claimshub.bench.ConversionBenchmark</pre>
 */
public final class ConversionBenchmark {

    private ConversionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> messages = new ArrayList<>(count);
        Hl7MessageFactory factory = new Hl7MessageFactory(42);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            String message = factory.next();
            bytes += message.length();
            messages.add(message);
        }
        PartnerConfig partners = PartnerConfigLoader.load(Path.of("config"), Path.of("").toAbsolutePath());
        ClinicConfig clinic = partners.clinics().get(0);
        Clock clock = Clock.systemUTC();
        ClaimPreparation preparation = new ClaimPreparation(partners, new Hl7Parser(), new DftMapper(), new ClaimEdits(clock));
        Claim837Writer writer = new Claim837Writer();

        HapiContext hapi = new DefaultHapiContext();
        hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
        PipeParser parseOnly = hapi.getPipeParser();

        System.out.printf("%d messages, average %d bytes, %d rounds (best round counts)%n", count, bytes / count, rounds);
        // Wall time and this thread's CPU time: on a shared machine the CPU time is the steadier of the two.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] best = new double[4];
        int[] rejected = {0};
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            for (String message : messages) {
                parseOnly.parse(message);
            }
            double parse = count / seconds(start);
            double parseCpu = count / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
            start = System.nanoTime();
            cpuStart = threads.getCurrentThreadCpuTime();
            rejected[0] = 0;
            convert(messages, preparation, writer, partners.payers().get(0), clinic, rejected);
            double convert = count / seconds(start);
            double convertCpu = count / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
            System.out.printf("round %d: HAPI parse alone %,.0f msg/s (%,.0f per CPU second); full conversion %,.0f msg/s"
                    + " (%,.0f per CPU second); ratio %.2f (CPU %.2f)%n",
                    round, parse, parseCpu, convert, convertCpu, convert / parse, convertCpu / parseCpu);
            best[0] = Math.max(best[0], parse);
            best[1] = Math.max(best[1], convert);
            best[2] = Math.max(best[2], parseCpu);
            best[3] = Math.max(best[3], convertCpu);
        }
        System.out.printf("best: HAPI parse alone %,.0f msg/s; full conversion (parse, map, edit, write 837P) %,.0f msg/s;"
                + " ratio %.2f; per CPU second %,.0f and %,.0f, ratio %.2f; rejected by the edits: %d%n",
                best[0], best[1], best[1] / best[0], best[2], best[3], best[3] / best[2], rejected[0]);
    }

    private static void convert(List<String> messages, ClaimPreparation preparation, Claim837Writer writer,
                                PayerConfig payer, ClinicConfig clinic, int[] rejected) throws Exception {
        Iterator<String> source = messages.iterator();
        Iterable<Claim> claims = () -> new Iterator<>() {
            private Claim next = advance();

            private Claim advance() {
                while (source.hasNext()) {
                    ClaimPreparation.Prepared prepared = preparation.prepare(ClaimPreparation.Input.converted(clinic,
                            new InputItem.Hl7Message(1, source.next()), new SourceRef("bench", "bench", 1, null),
                            new RepeatedClaimIds()));
                    if (prepared instanceof ClaimPreparation.Prepared.Edited edited && edited.reasons().isEmpty()) {
                        return edited.claim();
                    }
                    rejected[0]++;
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Claim next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Claim claim = next;
                next = advance();
                return claim;
            }
        };
        writer.write(new Interchange837(payer, 1, LocalDateTime.now(), "1",
                List.of(new TransactionSet837("0001", clinic, claims))), OutputStream.nullOutputStream());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}

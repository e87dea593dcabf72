package io.claimshub.bench;

import io.claimshub.hl7.Hl7MessageFactory;
import io.claimshub.hl7.Hl7Mutations;
import io.claimshub.hl7.Hl7ReadPaths;
import io.claimshub.hl7.Hl7Variations;

import java.util.Random;

/**
 * The differential test of the fast read path at full size (Hl7ReadPathsTest runs a few thousand in the
 * suite): N generated messages, varied as the test varies them, and N/10 fuzzed ones through both read
 * paths. Prints how many the lean reader took and exits with 1 at the first difference.
 * <pre>java -cp … io.claimshub.bench.ReadPathsDifferential 100000</pre>
 */
public final class ReadPathsDifferential {

    private ReadPathsDifferential() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Hl7MessageFactory factory = new Hl7MessageFactory(100);
        Hl7Variations variations = new Hl7Variations(new Random(100));
        Random fuzz = new Random(101);
        Hl7ReadPaths paths = new Hl7ReadPaths();
        int fuzzed = count / 10;
        for (int i = 0; i < count + fuzzed; i++) {
            String message = i < count ? variations.vary(factory.next()) : Hl7Mutations.mutate(factory.next(), fuzz);
            String difference;
            try {
                difference = paths.difference(message);
            } catch (RuntimeException e) {
                difference = "both paths threw " + e;
            }
            if (difference != null) {
                System.out.println("message " + (i + 1) + " differs:\n" + message.replace('\r', '\n') + "\n" + difference);
                System.exit(1);
            }
        }
        System.out.printf("%,d varied and %,d fuzzed messages: the same claims and rejections both ways;"
                + " the lean reader took %,d%n", count, fuzzed, paths.readLean());
    }
}

package io.claimshub.bench;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The plain HAPI program {@code convert} is measured against as a whole process (BENCHMARKS.md): reads an
 * HL7 batch file, cuts it into messages at each MSH (the batch's FHS/BHS/BTS/FTS left out) and parses every
 * message with {@code PipeParser.parse} (default HapiContext, v2.5.1 canonical model, as ConversionBenchmark's
 * "HAPI parse alone"), nothing else. (HAPI's own Hl7InputStreamMessageStringIterator cannot be used: it
 * starts a message at the "MSH" inside "CLAIMSHUB".)
 * <pre>java -cp … io.claimshub.bench.HapiParseOnly /tmp/batch-40k.hl7</pre>
 */
public final class HapiParseOnly {

    private HapiParseOnly() {
    }

    public static void main(String[] args) throws Exception {
        HapiContext hapi = new DefaultHapiContext();
        hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
        PipeParser parser = hapi.getPipeParser();
        String text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        int parsed = 0;
        StringBuilder message = new StringBuilder();
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\r', start);
            end = end < 0 ? text.length() : end;
            String segment = text.substring(start, end);
            if (segment.startsWith("MSH") || segment.startsWith("BTS")) {
                if (message.length() > 0) {
                    parser.parse(message.toString());
                    parsed++;
                }
                message.setLength(0);
            }
            if (segment.startsWith("MSH") || message.length() > 0) {
                message.append(segment).append('\r');
            }
        }
        System.out.println(parsed + " messages parsed");
    }
}

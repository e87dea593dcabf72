package io.claimshub.replies;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reply codes in words. {@code replies/codes.properties}: TA1 notes, 999 errors, 277CA categories and
 * statuses, 835 claim statuses, CAS groups, PLB reasons. {@code replies/remittance-codes.tsv}: claim
 * adjustment reason codes (CARC) and remark codes (RARC) with their meaning for the status rules,
 * extended or overridden by a site's own file in the same format (docs/remittances.md). A code not in
 * the tables still reads sensibly: "code 999 (not in the hub's code table)".
 */
public final class ReplyCodes {

    /** What a CARC or RARC means for the claim's status (the third column of remittance-codes.tsv). */
    public enum Meaning {
        DENIAL, REDUCTION, PATIENT, PRIOR_PAYER, FORWARDED, REMARK;

        static Meaning of(String text) {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    private record Entry(Meaning meaning, String words) {
    }

    private final Properties words = new Properties();
    private final Map<String, Entry> remittanceCodes = new HashMap<>();

    /** The tables shipped with the hub. */
    public ReplyCodes() {
        this(null);
    }

    /** @param siteTable a remittance-codes file of the site's, read after the shipped one; null for none */
    public ReplyCodes(Path siteTable) {
        try (InputStream in = resource("codes.properties")) {
            words.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Reader in = new InputStreamReader(resource("remittance-codes.tsv"), StandardCharsets.UTF_8)) {
            load(in, "replies/remittance-codes.tsv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (siteTable != null) {
            try (Reader in = Files.newBufferedReader(siteTable, StandardCharsets.UTF_8)) {
                load(in, siteTable.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the remittance code table " + siteTable, e);
            }
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ReplyCodes.class.getResourceAsStream("/replies/" + name);
        if (in == null) {
            throw new IllegalStateException("missing resource replies/" + name);
        }
        return in;
    }

    private void load(Reader reader, String source) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t", 4);
            if (columns.length != 4 || !(columns[0].equals("carc") || columns[0].equals("rarc"))
                    || columns[1].isBlank() || columns[3].isBlank()) {
                throw new IllegalArgumentException(source + " line " + number
                        + ": expected 4 tab-separated columns: carc|rarc, code, meaning, words");
            }
            Meaning meaning;
            try {
                meaning = Meaning.of(columns[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + number + ": unknown meaning '" + columns[2]
                        + "' (denial, reduction, patient, prior-payer for carc; forwarded, remark for rarc)");
            }
            remittanceCodes.put(columns[0] + "." + columns[1].trim(), new Entry(meaning, columns[3].trim()));
        }
    }

    /** The words for a code of a list (ta1, ik5, ik5err, ik3, ik4, stccat, stc, clp02, casgroup, plb, carc, rarc). */
    public String words(String list, String code) {
        Entry entry = remittanceCodes.get(list + "." + code);
        String text = entry != null ? entry.words() : words.getProperty(list + "." + code);
        if (text == null && code.matches("0\\d+") && !list.equals("ta1")) {
            text = words.getProperty(list + "." + code.replaceFirst("^0+(?=.)", ""));
        }
        return text == null ? "code " + code + " (not in the hub's code table)" : text;
    }

    /** What a CARC ({@code list} "carc") or RARC ("rarc") means; empty when the code is in no table. */
    public Optional<Meaning> meaning(String list, String code) {
        return Optional.ofNullable(remittanceCodes.get(list + "." + code)).map(Entry::meaning);
    }
}

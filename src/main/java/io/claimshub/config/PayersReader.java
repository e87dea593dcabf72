package io.claimshub.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks payers.yaml (see docs/configuration.md). */
final class PayersReader {

    static final String FILE = "payers.yaml";

    private static final List<String> KEYS = List.of("id", "name", "payerId", "match", "claimFilingIndicator",
            "interchange", "batch", "delivery", "replies", "delimiters", "timelyFilingDays", "segmentSeparatorNewline");
    /** Medicare's limit is one calendar year; no payer allows more than three. */
    private static final int MAX_TIMELY_FILING_DAYS = 3 * 366;
    private static final List<String> INTERCHANGE_KEYS = List.of("senderQualifier", "senderId",
            "receiverQualifier", "receiverId", "usage", "applicationSenderCode", "applicationReceiverCode");
    private static final List<String> BATCH_KEYS = List.of("maxClaims", "every");
    private static final List<String> DELIMITER_KEYS = List.of("element", "component", "repetition", "segment");

    /** SBR09 claim filing indicator codes of 005010X222A1. */
    private static final Set<String> CLAIM_FILING_INDICATORS = Set.of("11", "12", "13", "14", "15", "16", "17",
            "AM", "BL", "CH", "CI", "DS", "FI", "HM", "LM", "MA", "MB", "MC", "OF", "TV", "VA", "WC", "ZZ");
    private static final Pattern QUALIFIER = Pattern.compile("[0-9A-Z]{2}");
    /** ISA06/ISA08 are 15 characters, space padded; GS02/GS03 at most 15. */
    private static final int MAX_ID_LENGTH = 15;
    private static final int MAX_CLAIMS = 5000;
    private static final Duration DEFAULT_BATCH_EVERY = Duration.ofMinutes(15);

    private final List<String> problems;
    private final DeliveryReader deliveries;

    PayersReader(Path workDir, List<String> problems) {
        this.problems = problems;
        this.deliveries = new DeliveryReader(workDir);
    }

    List<PayerConfig> read(JsonNode root) {
        List<PayerConfig> payers = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        Map<String, String> matches = new HashMap<>();
        List<ConfigSection> entries = PartnerFile.entries(root, FILE, "payer", problems);
        for (int i = 0; i < entries.size(); i++) {
            ConfigSection entry = entries.get(i);
            PayerConfig payer = payer(entry);
            if (payer.id() != null) {
                Integer first = ids.putIfAbsent(payer.id(), i + 1);
                if (first != null) {
                    entry.problem("id", "'" + payer.id() + "' is already the id of payer #" + first + "; ids must be unique");
                }
            }
            for (String match : payer.match()) {
                String owner = matches.putIfAbsent(match.toUpperCase(Locale.ROOT), payer.id());
                if (owner != null && !owner.equals(payer.id())) {
                    entry.problem("match", "'" + match + "' is already matched by payer '" + owner
                            + "'; an IN1-3 company id must route to one payer");
                }
            }
            payers.add(payer);
        }
        return payers;
    }

    private PayerConfig payer(ConfigSection p) {
        p.allowOnly(KEYS);
        String id = PartnerFile.id(p);
        String name = p.requiredText("name");
        String payerId = p.requiredText("payerId");
        List<String> match = p.texts("match", true);
        String filing = p.requiredText("claimFilingIndicator");
        if (filing != null && !CLAIM_FILING_INDICATORS.contains(filing)) {
            p.problem("claimFilingIndicator", "'" + filing + "' is not an SBR09 claim filing indicator; use one of "
                    + String.join(", ", CLAIM_FILING_INDICATORS.stream().sorted().toList())
                    + " (CI commercial, MB Medicare Part B, MC Medicaid, BL Blue Cross)");
        }
        ConfigSection interchangeSection = p.optionalSection("interchange");
        PayerConfig.Interchange interchange = interchangeSection == null ? null : interchange(interchangeSection);
        ConfigSection batchSection = p.requiredSection("batch");
        PayerConfig.Batch batch = batchSection == null ? null : batch(batchSection);
        ConfigSection deliverySection = p.requiredSection("delivery");
        PayerConfig.Delivery delivery = deliverySection == null ? null : deliveries.delivery(deliverySection);
        // A paper payer gets no X12, so it needs no interchange ids.
        if (interchangeSection == null && !p.has("interchange") && !(delivery instanceof PayerConfig.Delivery.Printed)) {
            p.missing("interchange");
        }
        ConfigSection repliesSection = p.optionalSection("replies");
        PayerConfig.Replies replies = repliesSection == null ? null : deliveries.replies(repliesSection, delivery);
        ConfigSection delimitersSection = p.optionalSection("delimiters");
        PayerConfig.Delimiters delimiters = delimitersSection == null
                ? PayerConfig.Delimiters.DEFAULT : delimiters(delimitersSection);
        Integer timelyFilingDays = p.has("timelyFilingDays")
                ? p.integer("timelyFilingDays", true, 1, MAX_TIMELY_FILING_DAYS) : Integer.valueOf(PayerConfig.DEFAULT_TIMELY_FILING_DAYS);
        boolean newline = p.flag("segmentSeparatorNewline", false);
        return new PayerConfig(id, name, payerId, match, filing, interchange, batch, delivery, replies, delimiters,
                timelyFilingDays == null ? PayerConfig.DEFAULT_TIMELY_FILING_DAYS : timelyFilingDays, newline);
    }

    private static PayerConfig.Interchange interchange(ConfigSection i) {
        i.allowOnly(INTERCHANGE_KEYS);
        String senderQualifier = qualifier(i, "senderQualifier");
        String senderId = interchangeId(i, "senderId", true);
        String receiverQualifier = qualifier(i, "receiverQualifier");
        String receiverId = interchangeId(i, "receiverId", true);
        String usage = i.requiredText("usage");
        if (usage != null && !usage.equals("T") && !usage.equals("P")) {
            i.problem("usage", "'" + usage + "' must be T (test) or P (production)");
        }
        String applicationSender = interchangeId(i, "applicationSenderCode", false);
        String applicationReceiver = interchangeId(i, "applicationReceiverCode", false);
        return new PayerConfig.Interchange(senderQualifier, senderId, receiverQualifier, receiverId, usage,
                applicationSender == null ? senderId : applicationSender,
                applicationReceiver == null ? receiverId : applicationReceiver);
    }

    private static String qualifier(ConfigSection i, String key) {
        String qualifier = i.requiredText(key);
        if (qualifier != null && !QUALIFIER.matcher(qualifier).matches()) {
            i.problem(key, "'" + qualifier + "' must be a 2-character ID qualifier, like ZZ or 30");
        }
        return qualifier;
    }

    private static String interchangeId(ConfigSection i, String key, boolean required) {
        String id = required ? i.requiredText(key) : i.optionalText(key);
        if (id != null && id.length() > MAX_ID_LENGTH) {
            i.problem(key, "'" + id + "' has " + id.length() + " characters; X12 allows at most " + MAX_ID_LENGTH);
        }
        return id;
    }

    private static PayerConfig.Batch batch(ConfigSection b) {
        b.allowOnly(BATCH_KEYS);
        Integer maxClaims = b.has("maxClaims") ? b.integer("maxClaims", true, 1, MAX_CLAIMS) : Integer.valueOf(MAX_CLAIMS);
        return new PayerConfig.Batch(maxClaims == null ? MAX_CLAIMS : maxClaims, b.duration("every", DEFAULT_BATCH_EVERY));
    }

    private static PayerConfig.Delimiters delimiters(ConfigSection d) {
        d.allowOnly(DELIMITER_KEYS);
        PayerConfig.Delimiters fallback = PayerConfig.Delimiters.DEFAULT;
        Map<String, Character> chosen = new LinkedHashMap<>();
        chosen.put("element", d.character("element", fallback.element()));
        chosen.put("component", d.character("component", fallback.component()));
        chosen.put("repetition", d.character("repetition", fallback.repetition()));
        chosen.put("segment", d.character("segment", fallback.segment()));
        Map<Character, String> users = new HashMap<>();
        chosen.forEach((key, c) -> {
            if (Character.isLetterOrDigit(c) || c == ' ') {
                d.problem(key, "'" + c + "' cannot be a delimiter: letters, digits and spaces appear in the data");
            }
            String other = users.putIfAbsent(c, key);
            if (other != null) {
                d.problem(key, "'" + c + "' is already the " + other + " delimiter; the four delimiters must differ");
            }
        });
        return new PayerConfig.Delimiters(chosen.get("element"), chosen.get("component"),
                chosen.get("repetition"), chosen.get("segment"));
    }
}

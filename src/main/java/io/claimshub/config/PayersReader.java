package io.claimshub.config;

import java.nio.file.Path;
import java.util.Set;

/** Reads and checks one payer of payers.yaml. */
final class PayersReader {

    private static final Set<String> PAYER_KEYS = Set.of("id", "name", "payerId", "match", "claimFilingIndicator",
            "interchange", "batch", "delivery", "replies", "delimiters");
    private static final Set<String> INTERCHANGE_KEYS = Set.of("senderQualifier", "senderId", "receiverQualifier",
            "receiverId", "usage", "applicationSenderCode", "applicationReceiverCode");
    private static final Set<String> FILING_INDICATORS = Set.of("11", "12", "13", "14", "15", "16", "17", "AM", "BL",
            "CH", "CI", "DS", "FI", "HM", "LM", "MA", "MB", "MC", "OF", "TV", "VA", "WC", "ZZ");
    private static final Set<String> SFTP_KEYS = Set.of("type", "host", "port", "username", "privateKeyFile",
            "passwordEnv", "passwordFile", "knownHostsFile", "directory");
    private static final Set<String> DELIVERY_KEYS = union(SFTP_KEYS, Set.of("path", "url", "auth"));
    private static final Set<String> REPLIES_KEYS = union(SFTP_KEYS, Set.of("path", "every"));

    private PayersReader() {
    }

    static PayerConfig read(YamlSection payer, String id, Path workDir) {
        payer.allowOnly(PAYER_KEYS);
        String indicator = payer.required("claimFilingIndicator");
        if (indicator != null && !FILING_INDICATORS.contains(indicator)) {
            payer.problem("claimFilingIndicator", "'" + indicator + "' is not an SBR09 claim filing indicator code");
        }
        PayerConfig.Batch batch = new PayerConfig.Batch(5000, Durations.parse("15m"));
        YamlSection batchSection = payer.section("batch", false);
        if (batchSection != null) {
            batchSection.allowOnly(Set.of("maxClaims", "every"));
            batch = new PayerConfig.Batch(batchSection.integer("maxClaims", 5000, 1, 5000), batchSection.duration("every", "15m"));
        }
        PayerConfig.Delivery delivery = delivery(payer.section("delivery", true), workDir);
        return new PayerConfig(id, payer.required("name"), payer.required("payerId"), payer.stringList("match", true),
                indicator, interchange(payer.section("interchange", true)), batch, delivery,
                replies(payer.section("replies", false), delivery, workDir), DelimitersReader.read(payer.section("delimiters", false)));
    }

    private static PayerConfig.Interchange interchange(YamlSection isa) {
        if (isa == null) {
            return null;
        }
        isa.allowOnly(INTERCHANGE_KEYS);
        String usage = isa.matching("usage", "[TP]", "must be T (test) or P (production)");
        return new PayerConfig.Interchange(
                isa.matching("senderQualifier", "[A-Z0-9]{2}", "must be a 2-character ISA qualifier"),
                isa.matching("senderId", ".{1,15}", "must be at most 15 characters"),
                isa.matching("receiverQualifier", "[A-Z0-9]{2}", "must be a 2-character ISA qualifier"),
                isa.matching("receiverId", ".{1,15}", "must be at most 15 characters"),
                usage, isa.optional("applicationSenderCode"), isa.optional("applicationReceiverCode"));
    }

    private static PayerConfig.Delivery delivery(YamlSection delivery, Path workDir) {
        if (delivery == null) {
            return null;
        }
        delivery.allowOnly(DELIVERY_KEYS);
        String type = delivery.required("type");
        PayerConfig.Auth auth = null;
        if ("folder".equals(type)) {
            delivery.path("path", workDir, true);
        } else if ("sftp".equals(type)) {
            checkSftp(delivery);
        } else if ("http".equals(type)) {
            delivery.required("url");
            auth = auth(delivery.section("auth", false));
        } else if (type != null) {
            delivery.problem("type", "'" + type + "' must be folder, sftp or http");
        }
        return new PayerConfig.Delivery(type, delivery.path("path", workDir, false), delivery.optional("host"),
                delivery.integer("port", "sftp".equals(type) ? 22 : null, 1, 65535), delivery.optional("username"),
                delivery.path("privateKeyFile", workDir, false), delivery.optional("passwordEnv"),
                delivery.path("passwordFile", workDir, false), delivery.path("knownHostsFile", workDir, false),
                delivery.optional("directory"), delivery.optional("url"), auth);
    }

    private static void checkSftp(YamlSection sftp) {
        sftp.required("host");
        sftp.required("username");
        sftp.required("directory");
        sftp.required("knownHostsFile");
        long credentials = Set.of("privateKeyFile", "passwordEnv", "passwordFile").stream().filter(sftp::has).count();
        if (credentials != 1) {
            sftp.problem("privateKeyFile", "give exactly one of privateKeyFile, passwordEnv or passwordFile");
        }
    }

    private static PayerConfig.Auth auth(YamlSection auth) {
        if (auth == null) {
            return null;
        }
        auth.allowOnly(Set.of("type", "tokenEnv", "usernameEnv", "passwordEnv"));
        String type = auth.required("type");
        if ("bearer".equals(type)) {
            auth.required("tokenEnv");
        } else if ("basic".equals(type)) {
            auth.required("usernameEnv");
            auth.required("passwordEnv");
        } else if (type != null) {
            auth.problem("type", "'" + type + "' must be bearer or basic");
        }
        return new PayerConfig.Auth(type, auth.optional("tokenEnv"), auth.optional("usernameEnv"), auth.optional("passwordEnv"));
    }

    /** Reply pickup; an sftp pickup inherits the connection of an sftp delivery unless it names its own. */
    private static PayerConfig.Replies replies(YamlSection replies, PayerConfig.Delivery delivery, Path workDir) {
        if (replies == null) {
            return null;
        }
        replies.allowOnly(REPLIES_KEYS);
        String type = replies.required("type");
        boolean inherit = "sftp".equals(type) && delivery != null && "sftp".equals(delivery.type());
        if ("folder".equals(type)) {
            replies.path("path", workDir, true);
        } else if ("sftp".equals(type)) {
            replies.required("directory");
            if (!inherit) {
                checkSftp(replies);
            }
        } else if (type != null && !"http".equals(type)) {
            replies.problem("type", "'" + type + "' must be folder, sftp or http");
        }
        return new PayerConfig.Replies(type, replies.path("path", workDir, false),
                orInherited(replies.optional("host"), inherit ? delivery.host() : null),
                replies.integer("port", inherit ? delivery.port() : ("sftp".equals(type) ? 22 : null), 1, 65535),
                orInherited(replies.optional("username"), inherit ? delivery.username() : null),
                orInherited(replies.path("privateKeyFile", workDir, false), inherit ? delivery.privateKeyFile() : null),
                orInherited(replies.optional("passwordEnv"), inherit ? delivery.passwordEnv() : null),
                orInherited(replies.path("passwordFile", workDir, false), inherit ? delivery.passwordFile() : null),
                orInherited(replies.path("knownHostsFile", workDir, false), inherit ? delivery.knownHostsFile() : null),
                replies.optional("directory"), replies.duration("every", "5m"));
    }

    private static <T> T orInherited(T own, T inherited) {
        return own != null ? own : inherited;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}

package io.claimshub.replies;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Intake" names the clinic-claim flow only: the payer-reply flow's way in was called ReplyIntake, next
 * to ClaimIntake (issue 14). No class of the packages a payer reply goes through says "Intake".
 */
class ReplyFlowNamesTest {

    /** Where a payer reply goes: picked up, applied (read by x12.replies), returned to the clinic. */
    private static final List<String> REPLY_FLOW = List.of("pickup", "replies", "x12/replies", "clinicreturn");

    @Test
    void no_class_a_payer_reply_goes_through_is_named_intake() throws IOException {
        assertThat(classesNamedIntake(Path.of("src/main/java/io/claimshub"))).isEmpty();
    }

    @Test
    void a_reply_class_named_intake_is_found_and_the_clinic_claim_intake_is_not(@TempDir Path sources) throws IOException {
        Files.createDirectories(sources.resolve("replies"));
        Files.createDirectories(sources.resolve("intake"));
        Files.writeString(sources.resolve("replies/ReplyIntake.java"), "package io.claimshub.replies;");
        Files.writeString(sources.resolve("replies/ReplyStore.java"), "package io.claimshub.replies;");
        Files.writeString(sources.resolve("intake/ClaimIntake.java"), "package io.claimshub.intake;");

        assertThat(classesNamedIntake(sources)).containsExactly("replies/ReplyIntake.java");
    }

    private static List<String> classesNamedIntake(Path base) throws IOException {
        List<String> found = new ArrayList<>();
        for (String pkg : REPLY_FLOW) {
            Path dir = base.resolve(pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.map(f -> f.getFileName().toString())
                        .filter(name -> name.endsWith(".java") && name.contains("Intake"))
                        .sorted()
                        .forEach(name -> found.add(pkg + "/" + name));
            }
        }
        return found;
    }
}

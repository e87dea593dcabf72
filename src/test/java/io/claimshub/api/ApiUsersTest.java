package io.claimshub.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiUsersTest {

    @TempDir
    Path dir;

    @Test
    void a_hash_made_with_the_documented_shell_recipe_is_accepted() throws Exception {
        // salt=$(openssl rand -hex 16); printf '%s%s' "$salt" "$secret" | sha256sum
        String salt = "00112233445566778899aabbccddeeff";
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((salt + "s3cret-pass").getBytes(StandardCharsets.UTF_8)));

        SecretHash hash = SecretHash.parse(salt + ":" + sha);

        assertThat(hash.matches("s3cret-pass")).isTrue();
        assertThat(hash.matches("s3cret-pasS")).isFalse();
        assertThat(hash.matches("")).isFalse();
    }

    @Test
    void new_hashes_are_pbkdf2_sha256_with_600000_iterations_and_one_round_sha256_ones_are_outdated() {
        String created = SecretHash.create("s3cret-pass");
        SecretHash hash = SecretHash.parse(created);

        assertThat(created).startsWith("pbkdf2-sha256$600000$").doesNotContain("s3cret-pass");
        assertThat(SecretHash.ITERATIONS).isGreaterThanOrEqualTo(600_000);
        assertThat(hash.matches("s3cret-pass")).isTrue();
        assertThat(hash.matches("s3cret-pasS")).isFalse();
        assertThat(hash.outdated()).isFalse();
        assertThat(SecretHash.parse(created).encoded()).isEqualTo(created);
        assertThat(SecretHash.parse("00112233445566778899aabbccddeeff:" + "0".repeat(64)).outdated()).isTrue();
        assertThat(SecretHash.parse("pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw$" + "A".repeat(43)).outdated()).isTrue();
    }

    @Test
    void a_remembered_login_does_not_outlive_a_new_password_or_a_removed_user() throws Exception {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, "user.dan = reader " + SecretHash.create("old-password") + "\n");
        ApiUsers users = new ApiUsers(file);
        assertThat(users.authenticate(basic("dan", "old-password"), null)).isPresent();

        Files.writeString(file, "user.dan = reader " + SecretHash.create("new-password") + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(users.authenticate(basic("dan", "old-password"), null)).isEmpty();
        assertThat(users.authenticate(basic("dan", "new-password"), null)).isPresent();

        Files.writeString(file, "# nobody\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(users.authenticate(basic("dan", "new-password"), null)).isEmpty();
    }

    @Test
    void a_malformed_hash_is_refused_without_quoting_it() {
        assertThatThrownBy(() -> SecretHash.parse("plaintext-password"))
                .hasMessageNotContaining("plaintext-password");
        assertThatThrownBy(() -> SecretHash.parse("00112233:zz"))
                .hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> SecretHash.parse("pbkdf2-sha256$600000$short$secret-text"))
                .hasMessageContaining("pbkdf2").hasMessageNotContaining("secret-text");
    }

    @Test
    void users_and_keys_authenticate_with_their_role_and_bad_entries_are_skipped() throws Exception {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, String.join("\n",
                "user.alice = operator " + SecretHash.create("pw-alice"),
                "user.bob = superuser " + SecretHash.create("pw-bob"),
                "key.nightly = reader " + SecretHash.create("key-123"),
                "user.sam = reader " + SecretHash.create("pw-sam") + " clinics=sunrise,north",
                "user.tom = reader " + SecretHash.create("pw-tom") + " clinic=sunrise",
                "other = reader " + SecretHash.create("x"), ""));
        ApiUsers users = new ApiUsers(file);

        assertThat(users.authenticate(basic("alice", "pw-alice"), null)).contains(new ApiUser("alice", Role.OPERATOR));
        assertThat(users.authenticate(basic("alice", "pw-bob"), null)).isEmpty();
        assertThat(users.authenticate(basic("bob", "pw-bob"), null)).as("unknown role: entry skipped").isEmpty();
        assertThat(users.authenticate(null, "key-123")).contains(new ApiUser("nightly", Role.READER));
        assertThat(users.authenticate(basic("sam", "pw-sam"), null))
                .contains(new ApiUser("sam", Role.READER, java.util.Set.of("sunrise", "north")));
        assertThat(users.authenticate(basic("tom", "pw-tom"), null)).as("misspelt option: entry skipped").isEmpty();
        assertThat(users.authenticate(basic("alice", "pw-alice"), "wrong-key")).as("a key given is the one checked").isEmpty();
        assertThat(users.authenticate("Bearer abc", null)).isEmpty();
        assertThat(users.authenticate("Basic !!!", null)).isEmpty();
        assertThat(users.authenticate(null, null)).isEmpty();
    }

    @Test
    void the_file_is_read_again_when_it_changes_and_a_missing_file_lets_nobody_in() throws Exception {
        Path file = dir.resolve("users.properties");
        ApiUsers users = new ApiUsers(file);
        assertThat(users.authenticate(basic("carol", "pw-carol"), null)).isEmpty();

        Files.writeString(file, "user.carol = admin " + SecretHash.create("pw-carol") + "\n");
        assertThat(users.authenticate(basic("carol", "pw-carol"), null)).contains(new ApiUser("carol", Role.ADMIN));

        Files.writeString(file, "user.carol = reader " + SecretHash.create("pw-carol") + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(users.authenticate(basic("carol", "pw-carol"), null)).contains(new ApiUser("carol", Role.READER));

        Files.delete(file);
        assertThat(users.authenticate(basic("carol", "pw-carol"), null)).isEmpty();
    }

    @Test
    void an_empty_or_missing_users_file_is_warned_about_naming_the_command_that_adds_a_user() throws Exception {
        Files.writeString(dir.resolve("empty.properties"), "# nobody yet\n");
        try (io.claimshub.testing.LogCapture log = new io.claimshub.testing.LogCapture()) {
            new ApiUsers(dir.resolve("missing.properties"));
            new ApiUsers(dir.resolve("empty.properties"));

            assertThat(log.text().lines().filter(line -> line.startsWith("WARN ApiUsers")))
                    .hasSize(2).allMatch(line -> line.contains("claims-hub user add NAME --role operator"));
        }
    }

    @Test
    void roles_include_the_ones_below_them() {
        assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.READER)).isTrue();
        assertThat(Role.READER.includes(Role.OPERATOR)).isFalse();
        assertThat(Role.OPERATOR.includes(Role.ADMIN)).isFalse();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

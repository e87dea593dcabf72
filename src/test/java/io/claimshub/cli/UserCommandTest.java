package io.claimshub.cli;

import io.claimshub.api.ApiUser;
import io.claimshub.api.ApiUsers;
import io.claimshub.api.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** claims-hub user add | key | list | remove against a real users file, checked by the hub's own ApiUsers. */
class UserCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void add_prints_a_generated_password_once_and_writes_only_its_hash_owner_only() throws Exception {
        Path users = dir.resolve("config/api-users.properties");

        int status = run("", false, "add", "alice", "--role", "operator", "--users-file", users.toString());

        assertThat(status).as(err()).isZero();
        List<String> printed = out().lines().toList();
        String password = printed.get(printed.size() - 1);
        assertThat(printed.get(0)).contains("alice").contains("operator").contains("shown only now");
        assertThat(password).hasSize(32);
        String file = Files.readString(users);
        assertThat(file).startsWith("user.alice = operator pbkdf2-sha256$600000$").doesNotContain(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users))).isEqualTo("rw-------");
        assertThat(new ApiUsers(users).authenticate(basic("alice", password), null))
                .contains(new ApiUser("alice", Role.OPERATOR));
    }

    @Test
    void add_takes_the_password_from_stdin_when_piped_and_refuses_an_existing_user_without_replace() throws Exception {
        Path users = dir.resolve("api-users.properties");

        assertThat(run("correct horse battery\n", true, "add", "bob", "--role", "reader", "--users-file", users.toString()))
                .isZero();
        assertThat(out()).doesNotContain("correct horse");
        assertThat(run("another long password\n", true, "add", "bob", "--role", "admin", "--users-file", users.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("bob exists").contains("--replace");
        assertThat(run("short\n", false, "add", "carol", "--role", "admin", "--password-stdin", "--users-file", users.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("at least 12");
        assertThat(run("another long password\n", true, "add", "bob", "--role", "admin", "--replace",
                "--users-file", users.toString())).isZero();

        ApiUsers api = new ApiUsers(users);
        assertThat(api.authenticate(basic("bob", "another long password"), null)).contains(new ApiUser("bob", Role.ADMIN));
        assertThat(api.authenticate(basic("bob", "correct horse battery"), null)).isEmpty();
        assertThat(api.authenticate(basic("carol", "short"), null)).isEmpty();
    }

    @Test
    void key_prints_a_named_key_and_clinics_limit_the_entry() throws Exception {
        Path users = dir.resolve("api-users.properties");

        assertThat(run("", false, "key", "month-end", "--role", "reader", "--clinics", "sunrise,north",
                "--users-file", users.toString())).isZero();

        String key = out().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(key).startsWith("month-end.");
        assertThat(Files.readString(users)).contains("key.month-end = reader pbkdf2-sha256$").contains(" clinics=sunrise,north");
        assertThat(new ApiUsers(users).authenticate(null, key))
                .contains(new ApiUser("month-end", Role.READER, Set.of("sunrise", "north")));
    }

    @Test
    void list_shows_roles_clinics_and_outdated_hashes_and_remove_keeps_other_lines() throws Exception {
        Path users = dir.resolve("api-users.properties");
        String salt = "00112233445566778899aabbccddeeff";
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((salt + "legacy-secret").getBytes(StandardCharsets.UTF_8)));
        Files.writeString(users, "# our users\nuser.legacy = reader " + salt + ":" + sha + "\n");
        run("", false, "add", "dora", "--role", "admin", "--users-file", users.toString());
        out.reset();

        assertThat(run("", false, "list", "--users-file", users.toString())).isZero();
        assertThat(out()).containsPattern("user +dora +admin +all clinics +ok")
                .containsPattern("user +legacy +reader +all clinics +OUTDATED HASH");

        assertThat(run("", false, "remove", "dora", "--users-file", users.toString())).isZero();
        assertThat(Files.readString(users)).isEqualTo("# our users\nuser.legacy = reader " + salt + ":" + sha + "\n");
        assertThat(run("", false, "remove", "dora", "--users-file", users.toString())).isEqualTo(2);
        assertThat(err()).contains("no user or key dora");
    }

    @Test
    void the_users_file_is_found_through_the_config_folder_and_mistakes_are_usage_errors() throws Exception {
        Path config = Files.createDirectories(dir.resolve("cfg"));
        Path users = dir.resolve("elsewhere/users.properties");
        Files.writeString(config.resolve("application.properties"), "claimshub.api.users-file = " + users + "\n");

        assertThat(run("", false, "add", "erin", "--role", "reader", "--config", config.toString())).isZero();
        assertThat(Files.readString(users)).startsWith("user.erin = reader ");

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> run("", false, "add", "frank", "--config",
                config.toString()))).hasMessageContaining("--role");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> run("", false, "add", "frank", "--role", "boss",
                "--config", config.toString()))).hasMessageContaining("unknown role 'boss'");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> run("", false, "add", "bad\nname", "--role",
                "reader", "--config", config.toString()))).hasMessageContaining("a name has");
    }

    private int run(String stdin, boolean piped, String... args) throws Exception {
        return new UserCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), piped)
                .run(List.of(args), dir.resolve("config"));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

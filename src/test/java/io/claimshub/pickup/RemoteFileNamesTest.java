package io.claimshub.pickup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteFileNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"999_20261020.x12", "ACME.835.20261020-01.edi", "reply (1).x12", "x12", "a..b.x12",
            "...x12", "réponse-été.x12", "..%2Fevil.x12", "%2e%2e%2fevil", "name with spaces.txt", "日本語.x12"})
    void plain_file_names_are_safe(String name) {
        assertThat(RemoteFileNames.problem(name)).isEmpty();
        assertThat(RemoteFileNames.isSafe(name)).isTrue();
    }

    @Test
    void percent_sequences_are_literal_characters_because_listed_names_are_never_url_decoded() {
        assertThat(RemoteFileNames.isSafe("..%2F..%2Fetc%2Fpasswd")).isTrue();
        assertThat(RemoteFileNames.isSafe("..%5Cevil")).isTrue();
    }

    @Test
    void an_empty_or_missing_name_is_refused() {
        assertThat(RemoteFileNames.problem("")).hasValue("the name is empty");
        assertThat(RemoteFileNames.problem(null)).hasValue("the name is empty");
    }

    @Test
    void the_directory_entries_dot_and_dot_dot_are_refused() {
        assertThat(RemoteFileNames.problem(".")).hasValue("'.' names a directory, not a file");
        assertThat(RemoteFileNames.problem("..")).hasValue("'..' names a directory, not a file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.x12", "x/../../evil.x12", "sub/file.x12", "evil.x12/", "../"})
    void a_slash_anywhere_is_refused(String name) {
        assertThat(RemoteFileNames.problem(name)).hasValue("it contains '/', a path separator");
    }

    @Test
    void an_absolute_path_is_refused() {
        assertThat(RemoteFileNames.problem("/etc/passwd")).hasValue("it is an absolute path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..\\evil.x12", "x\\..\\..\\evil", "\\\\server\\share\\f", "C:\\evil.x12"})
    void a_backslash_anywhere_is_refused(String name) {
        assertThat(RemoteFileNames.problem(name)).hasValue("it contains '\\', a Windows path separator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:evil.x12", "z:x12", "D:"})
    void a_drive_letter_prefix_is_refused(String name) {
        assertThat(RemoteFileNames.problem(name)).hasValueSatisfying(p -> assertThat(p).startsWith("it starts with a drive letter"));
    }

    @Test
    void a_colon_after_more_than_one_character_is_an_ordinary_character() {
        assertThat(RemoteFileNames.isSafe("ab:c.x12")).isTrue();
        assertThat(RemoteFileNames.isSafe("1:x12")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil\u0000.x12", "evil\n.x12", "evil\r.x12", "\tx12", "evil\u007F.x12", "evil\u0085.x12",
            "evil\u202Egood.x12", "evil\u200Bx12", "evil\uFEFF.x12", "evil\u2028.x12", "evil\u2066.x12", "\u001B[31mred"})
    void control_and_format_characters_are_refused(String name) {
        assertThat(RemoteFileNames.problem(name)).hasValueSatisfying(p ->
                assertThat(p).startsWith("it contains the control or format character U+"));
    }

    @Test
    void the_refusal_names_the_code_point() {
        assertThat(RemoteFileNames.problem("a\u202Eb")).hasValue("it contains the control or format character U+202E");
    }

    @Test
    void an_unpaired_surrogate_is_refused() {
        assertThat(RemoteFileNames.problem("evil\uD800.x12")).hasValue("it contains an unpaired surrogate (invalid UTF-16)");
    }

    @Test
    void names_up_to_the_limit_are_safe_and_longer_ones_are_refused() {
        assertThat(RemoteFileNames.isSafe("a".repeat(RemoteFileNames.MAX_LENGTH))).isTrue();
        assertThat(RemoteFileNames.problem("a".repeat(RemoteFileNames.MAX_LENGTH + 1)))
                .hasValue("the name has 201 characters; at most 200 are accepted");
    }

    @Test
    void a_rendered_name_shows_no_control_character_and_is_quoted() {
        assertThat(RemoteFileNames.render("evil\n\u202E\u0000\"\\.x12")).isEqualTo("\"evil\\u000a\\u202e\\u0000\\\"\\\\.x12\"");
    }

    @Test
    void a_rendered_name_is_cut_with_its_length() {
        String rendered = RemoteFileNames.render("b".repeat(500));
        assertThat(rendered).isEqualTo("\"" + "b".repeat(80) + "\"… (500 characters)");
    }

    @Test
    void a_missing_name_renders_as_none() {
        assertThat(RemoteFileNames.render(null)).isEqualTo("(none)");
    }
}

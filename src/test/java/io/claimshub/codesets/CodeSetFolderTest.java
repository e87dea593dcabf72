package io.claimshub.codesets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The code-set folder loaded from fixture files cut in the official CMS/CDC formats. */
class CodeSetFolderTest {

    private static final Path FIXTURES = Path.of("src/test/resources/codesets");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static CodeSets fixtures() {
        return CodeSetFolder.load(FIXTURES, CLOCK, Duration.ofDays(1)).current();
    }

    @Test
    void a_code_is_judged_in_the_fiscal_year_of_its_date_of_service() {
        CodeSets sets = fixtures();

        // E11.A (type 2 diabetes in remission) is new in FY2026, which starts on 1 October 2025.
        assertThat(sets.icd10cm("E11A", LocalDate.of(2025, 9, 30))).isEqualTo(CodeSets.Answer.UNKNOWN);
        assertThat(sets.icd10cm("E11A", LocalDate.of(2025, 10, 1))).isEqualTo(CodeSets.Answer.VALID);
    }

    @Test
    void a_heading_is_not_billable_and_a_complete_code_is() {
        CodeSets sets = fixtures();

        assertThat(sets.icd10cm("E11", LocalDate.of(2026, 1, 5))).isEqualTo(CodeSets.Answer.NOT_BILLABLE);
        assertThat(sets.icd10cm("J20", LocalDate.of(2026, 1, 5))).isEqualTo(CodeSets.Answer.NOT_BILLABLE);
        assertThat(sets.icd10cm("J209", LocalDate.of(2026, 1, 5))).isEqualTo(CodeSets.Answer.VALID);
    }

    @Test
    void m545_split_in_fy2022_is_no_longer_billable_and_an_unknown_code_is_unknown() {
        CodeSets sets = fixtures();

        assertThat(sets.icd10cm("M545", LocalDate.of(2026, 1, 5))).isEqualTo(CodeSets.Answer.NOT_BILLABLE);
        assertThat(sets.icd10cm("M5450", LocalDate.of(2026, 1, 5))).isEqualTo(CodeSets.Answer.VALID);
        assertThat(sets.icd10cm("Z9999", LocalDate.of(2026, 1, 5))).isEqualTo(CodeSets.Answer.UNKNOWN);
    }

    @Test
    void a_year_without_a_file_is_checked_by_shape_only_and_the_summary_says_so() {
        CodeSetFolder folder = CodeSetFolder.load(FIXTURES, CLOCK, Duration.ofDays(1));

        assertThat(folder.current().icd10cm("J209", LocalDate.of(2026, 10, 1))).isEqualTo(CodeSets.Answer.NOT_LOADED);
        assertThat(folder.summary()).startsWith("ICD-10-CM for FY2025, FY2026 (other fiscal years are checked by shape only)")
                .contains("CPT: no licensed list, codes checked by shape only");
        assertThat(CodeSetFolder.load(dir.resolve("absent"), CLOCK, Duration.ofDays(1)).summary())
                .contains("no order file").contains("checked by shape only");
    }

    @Test
    void hcpcs_codes_exist_when_the_cms_file_is_loaded_and_cpt_without_a_list_is_not_judged() {
        CodeSets sets = fixtures();

        assertThat(sets.procedure("J1885")).isEqualTo(CodeSets.Answer.VALID);
        assertThat(sets.procedure("J9999")).isEqualTo(CodeSets.Answer.UNKNOWN);
        assertThat(sets.procedure("99213")).isEqualTo(CodeSets.Answer.NOT_LOADED);
        assertThat(sets.placeOfService("11")).isTrue();
        assertThat(sets.placeOfService("37")).isFalse();
    }

    @Test
    void a_clinics_cpt_list_is_used_when_present() throws Exception {
        Files.createDirectories(dir.resolve("cpt"));
        Files.writeString(dir.resolve("cpt/cpt-2026.txt"), "99213\n99214\n");

        CodeSets sets = CodeSetFolder.load(dir, CLOCK, Duration.ofDays(1)).current();

        assertThat(sets.procedure("99214")).isEqualTo(CodeSets.Answer.VALID);
        assertThat(sets.procedure("71046")).isEqualTo(CodeSets.Answer.UNKNOWN);
    }

    @Test
    void a_malformed_file_stops_loading_naming_file_and_line() throws Exception {
        Path icd = Files.createDirectories(dir.resolve("icd10cm"));
        String good = Files.readString(FIXTURES.resolve("icd10cm/icd10cm_order_2026.txt"));
        Files.writeString(icd.resolve("icd10cm_order_2026.txt"), good.substring(0, good.indexOf("\r\n", 200) + 2)
                + "00099 J20.9   1 Acute bronchitis, unspecified\r\n");

        assertThatThrownBy(() -> CodeSetFolder.load(dir, CLOCK, Duration.ofDays(1)))
                .isInstanceOf(CodeSetException.class)
                .hasMessageContaining("icd10cm_order_2026.txt line 3: 'J20.9' in columns 7-13 is not an ICD-10-CM code");
    }

    @Test
    void a_changed_file_is_loaded_again_and_a_broken_change_keeps_the_sets_in_use() throws Exception {
        Path icd = Files.createDirectories(dir.resolve("icd10cm"));
        Path file = icd.resolve("icd10cm_order_2026.txt");
        Files.copy(FIXTURES.resolve("icd10cm/icd10cm_order_2025.txt"), file);
        CodeSetFolder folder = CodeSetFolder.load(dir, CLOCK, Duration.ZERO);
        assertThat(folder.current().icd10cm("E11A", LocalDate.of(2026, 1, 5))).isEqualTo(CodeSets.Answer.UNKNOWN);

        Files.copy(FIXTURES.resolve("icd10cm/icd10cm_order_2026.txt"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(folder.current().icd10cm("E11A", LocalDate.of(2026, 1, 5))).isEqualTo(CodeSets.Answer.VALID);

        Files.writeString(file, "garbage\r\n");
        assertThat(folder.current().icd10cm("E11A", LocalDate.of(2026, 1, 5))).isEqualTo(CodeSets.Answer.VALID);
    }
}

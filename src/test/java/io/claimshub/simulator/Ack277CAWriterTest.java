package io.claimshub.simulator;

import io.claimshub.x12.X12TestReader;
import io.claimshub.x12.X12TestReader.Segment;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Pattern;

import static io.claimshub.simulator.SimulatorFixtures.golden;
import static io.claimshub.simulator.SimulatorFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

class Ack277CAWriterTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2024, 3, 21, 9, 30);
    private final SimulatorRules rejectW999 = new SimulatorRules(Pattern.compile("W999"), null, null,
            new BigDecimal("0.8"), BigDecimal.ZERO, "96");

    @Test
    void acknowledges_each_claim_by_clm01_with_its_payer_claim_number_or_the_rejection() throws Exception {
        byte[] file = new Ack277CAWriter(rejectW999, "ACME HEALTH PLAN", "60054").write(read(golden()), 9, NOW);

        X12TestReader ack = X12TestReader.read(file);
        assertThat(ack.values("GS", 1)).containsExactly("HN");
        assertThat(ack.values("ST", 3)).containsExactly("005010X214");
        List<Segment> trn = ack.segments("TRN");
        assertThat(trn.stream().filter(s -> s.element(1).equals("2")).map(s -> s.element(2)))
                .containsExactly("123", "ACCT1001", "ACCT1002");
        List<Segment> stc = ack.segments("STC");
        assertThat(stc.get(1).components(1)).containsExactly("A2", "20");
        assertThat(stc.get(1).element(3)).isEqualTo("WQ");
        assertThat(stc.get(1).element(4)).isEqualTo("215.5");
        assertThat(stc.get(2).components(1)).containsExactly("A7", "164", "IL");
        assertThat(stc.get(2).element(3)).isEqualTo("U");
        assertThat(ack.segments("REF").stream().filter(s -> s.element(1).equals("1K")).map(s -> s.element(2)))
                .containsExactly(SimulatorRules.payerClaimNumber("ACCT1001"));
        assertThat(ack.segments("QTY")).extracting(s -> s.element(1) + "=" + s.element(2))
                .containsExactly("90=1", "AA=1", "QA=1", "QC=1");
        assertThat(ack.segments("NM1").stream().filter(s -> s.element(1).equals("QC")).map(s -> s.element(9)))
                .containsExactly("W123456789", "W999");
        assertThat(ack.segments("HL")).extracting(s -> s.element(3)).containsExactly("20", "21", "19", "PT", "PT");
    }

    @Test
    void a_transaction_set_the_999_rejected_gets_no_277ca() throws Exception {
        byte[] file = new Ack277CAWriter(SimulatorRules.defaults(), "ACME", "60054")
                .write(read(golden().replace("SE*53*", "SE*50*")), 9, NOW);

        assertThat(file).isNull();
    }
}

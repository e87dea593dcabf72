package io.claimshub.simulator;

import io.claimshub.x12.X12TestReader;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static io.claimshub.simulator.SimulatorFixtures.golden;
import static io.claimshub.simulator.SimulatorFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

class Ta1WriterTest {

    @Test
    void a_broken_interchange_trailer_gets_a_ta1_rejection_with_note_001() throws Exception {
        byte[] ta1 = new Ta1Writer().write(read(golden().replace("IEA*1*000000123", "IEA*1*000000124")), 5,
                LocalDateTime.of(2024, 3, 21, 9, 30));

        X12TestReader file = X12TestReader.read(ta1);
        assertThat(file.segments("TA1").get(0).elements()).extracting(e -> e.get(0))
                .containsExactly("000000123", "240320", "1405", "R", "001");
        assertThat(file.segments("GS")).isEmpty();
        assertThat(file.values("IEA", 1)).containsExactly("0");
    }
}

package io.claimshub.intake;

import io.claimshub.hl7.Hl7Parser;
import io.claimshub.mllp.MllpMessageHandler;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: a claim is prepared in one call (read, map, clinic, edits, payer), not in three round trips
 * (map, check, payerIdOf); the MLLP listener reads a message only through that call.
 */
class PreparationShapeTest {

    @Test
    void claim_preparation_offers_one_step_for_an_input() {
        assertThat(Arrays.stream(ClaimPreparation.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName)).containsExactlyInAnyOrder("prepare", "partners");
    }

    @Test
    void the_mllp_handler_does_not_parse_or_read_headers_itself() {
        assertThat(Stream.concat(Arrays.stream(MllpMessageHandler.class.getDeclaredFields()).map(f -> f.getType()),
                Arrays.stream(MllpMessageHandler.class.getDeclaredConstructors())
                        .flatMap(c -> Arrays.stream(c.getParameterTypes())))).doesNotContain(Hl7Parser.class);
    }
}

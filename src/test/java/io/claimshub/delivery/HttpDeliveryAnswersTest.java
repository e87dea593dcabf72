package io.claimshub.delivery;

import io.claimshub.config.PayerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What an http payer's answer means ({@link HttpDelivery}), status by status, whatever client carried it. */
class HttpDeliveryAnswersTest {

    private static final PayerConfig ACME = DeliveryTestBed.payer("acme", new PayerConfig.Delivery.Http("https://acme.example/claims", null));

    @ParameterizedTest(name = "HTTP {0} is delivered")
    @CsvSource({"200", "201", "202", "204", "299"})
    void a_2xx_is_delivered(int status) throws Exception {
        Transport.Sent sent = HttpDelivery.answer(ACME, "https://acme.example/claims", status, "");

        assertThat(sent.destination()).isEqualTo("https://acme.example/claims");
        assertThat(sent.detail()).isEqualTo("HTTP " + status);
        assertThat(sent.reply()).isNull();
    }

    @ParameterizedTest(name = "HTTP {0} is retried")
    @CsvSource({"408", "429", "500", "502", "503", "504"})
    void a_5xx_408_and_429_are_retried_with_the_answer_for_the_ledger(int status) {
        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> HttpDelivery.answer(ACME, "https://acme.example/claims", status, "busy\r\nlater"));

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("HTTP " + status + " from payer acme URL");
        assertThat(e.detail()).isEqualTo("HTTP " + status + " from payer acme URL; payer answered: busy later");
    }

    @ParameterizedTest(name = "HTTP {0} is refused for good")
    @CsvSource({"301", "307", "400", "401", "403", "404", "409", "413", "422"})
    void any_other_status_is_the_payer_refusing_the_file(int status) {
        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> HttpDelivery.answer(ACME, "https://acme.example/claims", status, "x".repeat(400)));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("HTTP " + status + " from payer acme URL: the payer refused the file");
        assertThat(e.detail()).endsWith("x".repeat(300) + "...");
    }

    @Test
    void a_999_or_ta1_in_a_2xx_answer_is_handed_back_to_be_kept() throws Exception {
        String isa = "ISA*00*          *00*          *ZZ*ACMEHP         *ZZ*SUNRISEHUB     *261129*1200*^*00501*000000009*0*T*:~";
        Transport.Sent ack = HttpDelivery.answer(ACME, "u", 200, isa + "ST*999*0001~SE*2*0001~");
        Transport.Sent ta1 = HttpDelivery.answer(ACME, "u", 200, isa + "TA1*000000001*261129*1200*A*000~IEA*0*000000009~");

        assertThat(ack.reply()).isEqualTo(new Transport.Reply("999", isa + "ST*999*0001~SE*2*0001~"));
        assertThat(ta1.reply().kind()).isEqualTo("ta1");
        assertThat(HttpDelivery.answer(ACME, "u", 200, "{\"ok\":true}").reply()).isNull();
    }

    @Test
    void no_answer_is_retried_and_named_by_what_went_wrong() {
        assertThat(HttpDelivery.failed(ACME, 300, new SocketTimeoutException("Read timed out")))
                .hasMessage("no answer from payer acme URL within 300 ms").matches(DeliveryException::retryable);
        assertThat(HttpDelivery.failed(ACME, 300, new ConnectException("Connection refused")))
                .hasMessage("cannot connect to payer acme URL: ConnectException").matches(DeliveryException::retryable);
        assertThat(HttpDelivery.failed(ACME, 300, new IOException("reset")))
                .hasMessage("HTTP exchange with payer acme URL failed: IOException (reset)").matches(DeliveryException::retryable);
    }

    @Test
    void bearer_and_basic_credentials_come_from_the_environment_and_a_missing_one_says_which() throws Exception {
        Secrets secrets = new Secrets(Map.of("T", "t0ken", "U", "hub", "P", "pw")::get);

        assertThat(HttpDelivery.authorization(ACME, new PayerConfig.Auth.Bearer("T"), secrets)).isEqualTo("Bearer t0ken");
        assertThat(HttpDelivery.authorization(ACME, new PayerConfig.Auth.Basic("U", "P"), secrets)).isEqualTo("Basic aHViOnB3");
        assertThat(HttpDelivery.authorization(ACME, null, secrets)).isNull();
        assertThatThrownBy(() -> HttpDelivery.authorization(ACME, new PayerConfig.Auth.Bearer("MISSING"), secrets))
                .hasMessage("environment variable MISSING (HTTP token of payer acme) is not set");
    }
}

package io.claimshub;

import io.claimshub.ledger.LedgerException;
import io.claimshub.testing.HubRouteTest;
import io.claimshub.testing.HubRoutes;
import io.claimshub.testing.LogCapture;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/errors.camel.yaml on the running hub: the ledger-outage-timers configuration the timer flows opt
 * into. With the batch timer's bean failing as if the ledger were down (AdviceWith), every tick is handled
 * and the outage is logged once in one line, not once per tick and not with a stack trace.
 * (clinic-file-errors is exercised by PayerRepliesRouteTest: a file set aside in .error/ with its reason.)
 */
class ErrorsRouteTest extends HubRouteTest {

    @Test
    void should_log_a_ledger_outage_of_a_timer_once_and_keep_the_timer_running() throws Exception {
        AdviceWith.adviceWith(context, HubRoutes.CLAIMS, route -> route.weaveAddFirst()
                .throwException(new LedgerException("connection refused (test)")));
        NotifyBuilder tenTicks = new NotifyBuilder(context).fromRoute(HubRoutes.CLAIMS).whenCompleted(10).create();

        try (LogCapture log = new LogCapture()) {
            assertThat(tenTicks.matches(30, TimeUnit.SECONDS)).as("ten ticks handled, none failed").isTrue();

            assertThat(log.text().lines().filter(line -> line.contains("the ledger cannot be reached")).toList())
                    .singleElement().asString().contains("route " + HubRoutes.CLAIMS).contains("connection refused (test)");
            assertThat(log.text()).doesNotContain("\tat ");
        }
        assertThat(context.getRouteController().getRouteStatus(HubRoutes.CLAIMS)).isEqualTo(ServiceStatus.Started);
    }
}

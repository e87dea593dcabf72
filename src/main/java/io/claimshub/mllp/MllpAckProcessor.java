package io.claimshub.mllp;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpConstants;

/**
 * The one step of routes/mllp-intake.camel.yaml: hands the message and the connection's remote address to
 * the {@link MllpMessageHandler} and gives its answer to camel-mllp as the acknowledgement to send.
 * A processor rather than a bean call with a method expression: the route runs for every message, and
 * Camel's bean binding (parsing the method's parameter expressions, a reflective call) and a second step
 * to copy the answer into the acknowledgement property cost more than the ACK itself.
 */
public final class MllpAckProcessor implements Processor {

    private final MllpMessageHandler handler;

    public MllpAckProcessor(MllpMessageHandler handler) {
        this.handler = handler;
    }

    /**
     * Throws what the handler throws (the ledger cannot be reached): the exchange fails, no acknowledgement
     * goes out and the route's error handling reports the outage.
     */
    @Override
    public void process(Exchange exchange) {
        String remoteAddress = exchange.getIn().getHeader(MllpConstants.MLLP_REMOTE_ADDRESS, String.class);
        String ack = handler.handle(exchange.getIn().getBody(String.class), remoteAddress);
        exchange.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT_STRING, ack);
    }
}

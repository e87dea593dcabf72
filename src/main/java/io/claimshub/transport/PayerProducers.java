package io.claimshub.transport;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Producer;
import org.apache.camel.support.service.ServiceHelper;

import java.util.Map;

/**
 * One payer's endpoint and its producer, made by the component itself rather than looked up by URI: the
 * context's endpoint cache knows endpoints by URI alone, so two payers on one server and directory
 * (or URL) with different logins would share the first one's endpoint. Secrets stay out of the URI.
 */
final class PayerProducers {

    private PayerProducers() {
    }

    /** A started producer on a new endpoint of {@code component} for {@code uri} with {@code options}. */
    static Producer start(CamelContext context, String component, String uri, Map<String, Object> options) throws Exception {
        Endpoint endpoint = context.getComponent(component, true).createEndpoint(uri, options);
        ServiceHelper.startService(endpoint);
        Producer producer = endpoint.createProducer();
        ServiceHelper.startService(producer);
        return producer;
    }

    /** Stops the producer (closing its connection) and its endpoint; null is nothing to stop. */
    static void stop(Producer producer) {
        if (producer != null) {
            ServiceHelper.stopAndShutdownServices(producer, producer.getEndpoint());
        }
    }
}

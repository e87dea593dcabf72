package io.claimshub.transport;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Producer;
import org.apache.camel.support.service.ServiceHelper;

import java.util.Map;

/**
 * One payer's endpoint and its producer, made by the component and owned by the payer's transport (started
 * on its first file, stopped with it) rather than looked up in the context's endpoint cache, which is
 * keyed by URI: the payer's login and options go beside the URI, so secrets stay out of it and two payers
 * on one server (or URL) never share an endpoint.
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

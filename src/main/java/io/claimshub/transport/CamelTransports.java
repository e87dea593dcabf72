package io.claimshub.transport;

import io.claimshub.config.PayerConfig;
import io.claimshub.delivery.Transport;
import io.claimshub.delivery.Transports;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.util.function.UnaryOperator;

/**
 * Delivery through Camel's producers: camel-ftp's {@code sftp:} for sftp payers, camel-http's
 * {@code http:}/{@code https:} for http payers. Each payer gets one endpoint, built on its first file,
 * and one producer that keeps its connection between files.
 */
public final class CamelTransports implements Transports, AutoCloseable {

    private final CamelContext context;
    private final UnaryOperator<String> environment;
    private final boolean ownContext;

    /** In the running hub: the endpoints live in the hub's context. */
    public CamelTransports(CamelContext context, UnaryOperator<String> environment) {
        this(context, environment, false);
    }

    private CamelTransports(CamelContext context, UnaryOperator<String> environment, boolean ownContext) {
        this.context = context;
        this.environment = environment;
        this.ownContext = ownContext;
    }

    /** Outside the hub (the redeliver command, tests): a context of its own, stopped by {@link #close()}. */
    public static CamelTransports standalone(UnaryOperator<String> environment) {
        CamelContext context = new DefaultCamelContext();
        context.start();
        return new CamelTransports(context, environment, true);
    }

    @Override
    public Transport open(PayerConfig payer) {
        if (payer.delivery() instanceof PayerConfig.Delivery.Sftp sftp) {
            return new SftpProducerTransport(context, payer, sftp, environment);
        }
        return new HttpProducerTransport(context, payer, (PayerConfig.Delivery.Http) payer.delivery(), environment);
    }

    @Override
    public void close() {
        if (ownContext) {
            context.stop();
        }
    }
}

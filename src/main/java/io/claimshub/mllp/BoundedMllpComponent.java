package io.claimshub.mllp;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpComponentConfigurer;
import org.apache.camel.component.mllp.MllpEndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.component.mllp.MllpTcpServerConsumer;
import org.apache.camel.component.mllp.internal.MllpSocketBuffer;
import org.apache.camel.component.mllp.internal.TcpServerConsumerValidationRunnable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@code mllp} component with four changes: a new connection is taken only if the
 * {@link ConnectionGuard} admits it (limits in all, per address, and places kept for other senders);
 * every connection reads through a {@link GuardedFrameBuffer}, which cuts connections that miss the
 * first-byte or frame deadline and answers a frame over {@code maxBufferSize} (see there) instead of
 * leaving the connection hanging; at most {@code maxConcurrentConsumers} new connections wait for
 * their first frame at once, each on a thread of its own (camel-mllp starts a thread for every one, so
 * connections that never send anything could exhaust the threads); and a connection refused for being
 * one too many is forgotten (camel-mllp kept it). Everything else is camel-mllp's own code and options.
 * It also tells readiness whether a listener is up ({@link #listening(int)}).
 */
public final class BoundedMllpComponent extends MllpComponent {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedMllpComponent.class);

    private final OversizeAnswer answer;
    private final ConnectionGuard guard;
    /** The server sockets its consumers bound; camel-mllp closes each when its consumer stops. */
    private final Set<ServerSocket> serverSockets = ConcurrentHashMap.newKeySet();

    /** Connections holding a place now (tests wait for the ones they closed to be let go). */
    int openConnections() {
        return guard.openConnections();
    }

    public BoundedMllpComponent(OversizeAnswer answer, ConnectionGuard guard) {
        this.answer = answer;
        this.guard = guard;
    }

    /** True while one of this component's consumers listens on {@code port}. */
    public boolean listening(int port) {
        serverSockets.removeIf(ServerSocket::isClosed);
        return serverSockets.stream().anyMatch(socket -> socket.isBound() && socket.getLocalPort() == port);
    }

    // Camel finds the generated option setters by class name; the subclass uses camel-mllp's own.
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return new MllpComponentConfigurer();
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return new MllpEndpointConfigurer();
    }

    /** camel-mllp's own {@code createEndpoint}, making the endpoint subclass instead. */
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        BoundedEndpoint endpoint = new BoundedEndpoint(uri, this,
                hasConfiguration() ? getConfiguration().copy() : new MllpConfiguration());
        if (endpoint.getConfiguration().getSslContextParameters() == null) {
            endpoint.getConfiguration().setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        endpoint.setCharsetName(getDefaultCharset());
        int colon = remaining.indexOf(':');
        if (colon >= 0) {
            endpoint.setHostname(remaining.substring(0, colon));
            endpoint.setPort(CamelContextHelper.parseInt(getCamelContext(), remaining.substring(colon + 1)));
        } else {
            endpoint.setPort(CamelContextHelper.parseInt(getCamelContext(), remaining));
        }
        setProperties(endpoint, parameters);
        return endpoint;
    }

    private final class BoundedEndpoint extends MllpEndpoint {

        BoundedEndpoint(String uri, MllpComponent component, MllpConfiguration configuration) {
            super(uri, component, configuration);
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            Consumer consumer = new BoundedConsumer(this, processor);
            configureConsumer(consumer);
            return consumer;
        }
    }

    private final class BoundedConsumer extends MllpTcpServerConsumer {

        /**
         * Reads each new connection's first frame, as camel-mllp's own (inaccessible) validation pool
         * does, but with no more threads than connections may be open: one more is refused at once.
         */
        private final ThreadPoolExecutor firstReads;

        BoundedConsumer(MllpEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
            firstReads = new ThreadPoolExecutor(0, endpoint.getConfiguration().getMaxConcurrentConsumers(),
                    60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                        Thread thread = new Thread(r, "mllp-first-read");
                        thread.setDaemon(true);
                        return thread;
                    });
        }

        @Override
        public void validateConsumer(Socket clientSocket) {
            InetAddress from = clientSocket.getInetAddress();
            GuardedFrameBuffer buffer = new GuardedFrameBuffer(getEndpoint(), answer, guard, from);
            Optional<ConnectionDrop> refused = guard.admit(clientSocket, from);
            if (refused.isPresent()) {
                guard.dropped(from, refused.get());
                buffer.resetSocket(clientSocket);
                return;
            }
            try {
                firstReads.execute(new TcpServerConsumerValidationRunnable(this, clientSocket, buffer));
            } catch (RejectedExecutionException full) {
                if (!firstReads.isShutdown()) {
                    LOG.warn("MLLP connection from {} refused: {} connections are already waiting for their first"
                            + " message", clientSocket.getRemoteSocketAddress(), firstReads.getMaximumPoolSize());
                }
                buffer.resetSocket(clientSocket);
            }
        }

        @Override
        public void startAcceptThread(ServerSocket serverSocket) {
            serverSockets.add(serverSocket);
            super.startAcceptThread(serverSocket);
        }

        @Override
        public void startConsumer(Socket socket, MllpSocketBuffer buffer) {
            if (socket.isClosed()) {
                // cut by its buffer during the first read (a missed deadline): nothing left to serve
                return;
            }
            super.startConsumer(socket, buffer);
            if (socket.isClosed()) {
                // camel-mllp 4.17 resets a connection beyond maxConcurrentConsumers but keeps its consumer in
                // its map for good: without this, every refused connection would stay in memory.
                getConsumerRunnables().keySet().removeIf(consumer -> consumer.getSocket() == socket);
            }
        }

        @Override
        protected void doShutdown() throws Exception {
            firstReads.shutdownNow();
            super.doShutdown();
        }
    }
}

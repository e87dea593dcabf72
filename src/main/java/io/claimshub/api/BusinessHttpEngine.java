package io.claimshub.api;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/**
 * The platform-http engine for the business port. Camel's own engine asks the registry for "the" HTTP
 * server; with the management server (health, metrics) beside it there are two, and it then falls back
 * to port 8080, so the API's routes look for a router that does not exist whenever the business port is
 * not 8080. This one is told the business port ({@code camel.server.port}).
 */
public final class BusinessHttpEngine extends VertxPlatformHttpEngine {

    private final int businessPort;

    public BusinessHttpEngine(int businessPort) {
        this.businessPort = businessPort;
    }

    @Override
    public int getServerPort() {
        return businessPort > 0 ? businessPort : super.getServerPort();
    }
}

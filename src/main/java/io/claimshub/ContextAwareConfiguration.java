package io.claimshub;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/** A flow's configuration whose bean methods need the context itself (its properties, registry or components). */
abstract class ContextAwareConfiguration implements CamelConfiguration, CamelContextAware {

    /** Set by Camel before any bean method of the configuration runs. */
    protected CamelContext context;

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }
}

package io.claimshub;

import org.apache.camel.CamelContext;

/** The one bean of a type that a flow's configuration bound, for wiring that is not itself a bean. */
final class Beans {

    private Beans() {
    }

    static <T> T of(CamelContext context, Class<T> type) {
        return context.getRegistry().mandatoryFindSingleByType(type);
    }
}

package io.claimshub.dashboard;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serves the dashboard page (classpath {@code dashboard/}) on the business port, called by
 * routes/dashboard.camel.yaml: exactly three known files, read once at start, so there is no directory
 * listing and no path to traverse. The page holds no data and needs no credentials; every {@code /api}
 * call it makes does. A content security policy keeps the page to its own script and the hub's API.
 */
public final class DashboardFiles {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private record File(String contentType, byte[] bytes) {
    }

    private final Map<String, File> files = Map.of(
            "index.html", new File("text/html; charset=utf-8", read("index.html")),
            "app.js", new File("text/javascript; charset=utf-8", read("app.js")),
            "style.css", new File("text/css; charset=utf-8", read("style.css")));

    public void index(Exchange exchange) {
        answer(exchange, "index.html");
    }

    public void script(Exchange exchange) {
        answer(exchange, "app.js");
    }

    public void style(Exchange exchange) {
        answer(exchange, "style.css");
    }

    private void answer(Exchange exchange, String name) {
        File file = files.get(name);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, file.contentType());
        message.setHeader("Cache-Control", "no-cache");
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Content-Security-Policy", POLICY);
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setBody(file.bytes());
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardFiles.class.getClassLoader().getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dashboard/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

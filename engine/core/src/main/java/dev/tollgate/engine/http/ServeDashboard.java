package dev.tollgate.engine.http;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /dashboard} and its assets, from the jar (no CDN: the machine may be offline). A browser
 * without access is sent to the login form.
 */
public final class ServeDashboard implements Processor {
    private static final Map<String, String> ASSETS = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");

    private final AdminAccess access;

    public ServeDashboard(AdminSessions sessions) {
        this.access = new AdminAccess(sessions);
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String file = message.getHeader("file", "index.html", String.class);
        String type = ASSETS.get(file);
        if (type == null) {
            reply(message, 404, "text/plain; charset=utf-8", "no such file".getBytes());
            return;
        }
        // The stylesheet is public: the login form uses it too.
        if (!file.equals("dashboard.css") && access.refusal(exchange).isPresent()) {
            message.removeHeaders("*");
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 303);
            message.setHeader("Location", "/login");
            message.setBody("");
            return;
        }
        reply(message, 200, type, read(file));
    }

    private static byte[] read(String file) {
        try (InputStream in = ServeDashboard.class.getResourceAsStream("/dashboard/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks dashboard/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void reply(Message message, int status, String type, byte[] body) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, type);
        message.setHeader("Cache-Control", "no-store");
        message.setBody(body);
    }
}

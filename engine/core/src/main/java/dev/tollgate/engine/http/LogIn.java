package dev.tollgate.engine.http;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /login} shows the login form; {@code POST /login} checks the admin key it was sent and, when it
 * is right, opens a session (an HttpOnly, SameSite=Strict cookie) and sends the browser to the dashboard.
 */
public final class LogIn implements Processor {
    private final AdminSessions sessions;

    public LogIn(AdminSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String method = message.getHeader(Exchange.HTTP_METHOD, String.class);
        if ("GET".equals(method)) {
            page(message, 200, AdminAccess.keyConfigured(exchange) ? null
                    : "No admin key is set (" + AdminAccess.KEY_VARIABLE + "): the dashboard is open to this machine only.");
            return;
        }
        String presented = formField(message, "key");
        if (!AdminAccess.keyMatches(exchange, presented)) {
            page(message, 401, "That is not the admin key.");
            return;
        }
        String token = sessions.open();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 303);
        message.setHeader("Location", "/dashboard");
        message.setHeader("Set-Cookie", AdminSessions.COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + AdminSessions.LIFETIME.toSeconds());
        message.setBody("");
    }

    private static String formField(Message message, String name) {
        Object body = message.getBody();
        if (body instanceof Map<?, ?> form && form.get(name) != null) {
            return String.valueOf(form.get(name));
        }
        String text = message.getBody(String.class);
        if (text != null) {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        Object header = message.getHeader(name);
        return header == null ? null : String.valueOf(header);
    }

    private static void page(Message message, int status, String notice) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        message.setBody("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Tollgate: log in</title>
                <link rel="stylesheet" href="/dashboard/dashboard.css"></head>
                <body class="login"><main><h1>Tollgate</h1>
                %s
                <form method="post" action="/login">
                  <label for="key">Admin key</label>
                  <input id="key" name="key" type="password" autocomplete="current-password" autofocus>
                  <button id="log-in" type="submit">Log in</button>
                </form></main></body></html>
                """.formatted(notice == null ? "" : "<p id=\"notice\">" + notice + "</p>"));
    }
}

package dev.tollgate.engine.http;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Sets a JSON answer on a message, dropping the request's headers so that none is echoed back. */
final class JsonReply {
    private JsonReply() {
    }

    static void write(Message message, int status, String json) {
        // platform-http copies message headers into the response: Authorization among them, unless removed.
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json);
    }
}

package dev.tollgate.spi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as a {@link CoderAdapter} sees it.
 *
 * @param ingress the wire API it came in on: {@code chat}, {@code messages} (Anthropic), {@code responses} or
 *                {@code gemini} (Google's Gemini API)
 * @param headers the request's headers (names compare case-insensitively; the gateway key is never among them)
 * @param request the canonical request
 */
public record CoderRequest(String ingress, Map<String, String> headers, ChatRequest request) {

    public CoderRequest {
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        headers = byName;
    }

    /** A header's value, or the empty string. */
    public String header(String name) {
        String value = headers.get(name);
        return value == null ? "" : value;
    }

    /** The system (and developer) messages' text, joined. */
    public String systemText() {
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : request.messages()) {
            if ("system".equals(message.role()) || "developer".equals(message.role())) {
                text.append(message.text()).append('\n');
            }
        }
        return text.toString();
    }

    /** The last user message's text, or the empty string. */
    public String lastUserText() {
        List<ChatMessage> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    /** Whether the request defines tools (an agent's main turn usually does; its side requests don't). */
    public boolean hasTools() {
        return request.tools() != null && !request.tools().isEmpty();
    }

    /** Whether {@code text} contains {@code fragment}, ignoring case. */
    public static boolean mentions(String text, String fragment) {
        return text.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT));
    }
}

package dev.tollgate.spi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as a {@link CoderAdapter} sees it. Every adapter looks at the same prompts, so their text (and its lower
 * case, for {@link #systemMentions} and {@link #lastUserMentions}) is worked out once, when first asked for: a coder's
 * system prompt is often tens of kilobytes, and a dozen adapters each check several fragments.
 */
public final class CoderRequest {
    private final String ingress;
    private final Map<String, String> headers;
    private final ChatRequest request;
    private String systemText;
    private String systemLower;
    private String lastUserText;
    private String lastUserLower;

    /**
     * @param ingress the wire API it came in on: {@code chat}, {@code messages} (Anthropic), {@code responses} or
     *                {@code gemini} (Google's Gemini API)
     * @param headers the request's headers (names compare case-insensitively; the gateway key is never among them)
     * @param request the canonical request
     */
    public CoderRequest(String ingress, Map<String, String> headers, ChatRequest request) {
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        this.ingress = ingress;
        this.headers = byName;
        this.request = request;
    }

    /** The wire API it came in on: {@code chat}, {@code messages} (Anthropic), {@code responses} or {@code gemini}. */
    public String ingress() {
        return ingress;
    }

    /** The request's headers (names compare case-insensitively; the gateway key is never among them). */
    public Map<String, String> headers() {
        return headers;
    }

    /** The canonical request. */
    public ChatRequest request() {
        return request;
    }

    /** A header's value, or the empty string. */
    public String header(String name) {
        String value = headers.get(name);
        return value == null ? "" : value;
    }

    /** The system (and developer) messages' text, joined. */
    public String systemText() {
        if (systemText == null) {
            StringBuilder text = new StringBuilder();
            for (ChatMessage message : request.messages()) {
                if ("system".equals(message.role()) || "developer".equals(message.role())) {
                    text.append(message.text()).append('\n');
                }
            }
            systemText = text.toString();
        }
        return systemText;
    }

    /** The last user message's text, or the empty string. */
    public String lastUserText() {
        if (lastUserText == null) {
            lastUserText = "";
            List<ChatMessage> messages = request.messages();
            for (int i = messages.size() - 1; i >= 0; i--) {
                if ("user".equals(messages.get(i).role())) {
                    lastUserText = messages.get(i).text();
                    break;
                }
            }
        }
        return lastUserText;
    }

    /** Whether the system prompt contains {@code fragment}, ignoring case. */
    public boolean systemMentions(String fragment) {
        if (systemLower == null) {
            systemLower = systemText().toLowerCase(Locale.ROOT);
        }
        return systemLower.contains(fragment.toLowerCase(Locale.ROOT));
    }

    /** Whether the last user message contains {@code fragment}, ignoring case. */
    public boolean lastUserMentions(String fragment) {
        if (lastUserLower == null) {
            lastUserLower = lastUserText().toLowerCase(Locale.ROOT);
        }
        return lastUserLower.contains(fragment.toLowerCase(Locale.ROOT));
    }

    /** Whether the request defines tools (an agent's main turn usually does; its side requests don't). */
    public boolean hasTools() {
        return request.tools() != null && !request.tools().isEmpty();
    }

    @Override
    public String toString() {
        return "CoderRequest[ingress=" + ingress + ", headers=" + headers.keySet() + "]";
    }
}

package dev.tollgate.engine.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.engine.http.ApiError;
import dev.tollgate.engine.http.ParseChatRequest;
import dev.tollgate.engine.http.QueryParameters;
import dev.tollgate.engine.http.SseStream;
import dev.tollgate.engine.http.WireJson;
import dev.tollgate.spi.ChatMessage;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.ToolCall;
import dev.tollgate.spi.Usage;
import org.apache.camel.Exchange;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /v1beta/models/{model}:generateContent}, {@code :streamGenerateContent?alt=sse} and
 * {@code :countTokens} (also under {@code /v1}): Google's Gemini API, as Gemini CLI and the Google
 * Gen AI SDKs send it (https://ai.google.dev/api/generate-content). Unlike the other ingresses the model and whether to
 * stream are in the URL, so each request gets its own instance; a URL the gateway does not serve
 * becomes an instance whose {@link #parse} answers with the error, in Gemini's shape.
 */
public final class GeminiApi implements WireApi {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** The API versions served: v1beta is the Gemini API's own default; Google's Java SDK 2.x asks for v1. */
    public static final List<String> VERSIONS = List.of("v1beta", "v1");
    private static final Pattern URL = Pattern.compile("/(?:v1beta|v1)/models/(.+):(\\w+)");

    /** The method after the model's name in the URL. */
    enum Method { GENERATE, STREAM, COUNT_TOKENS }

    private final String model;
    private final Method method;
    private final ApiError problem;

    private GeminiApi(String model, Method method, ApiError problem) {
        this.model = model;
        this.method = method;
        this.problem = problem;
    }

    /** The Gemini API a request's URL ({@code /v1beta/models/<model>:<method>}) asks for. */
    public static GeminiApi of(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, "", String.class);
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, "", String.class);
        return forUrl(path, query);
    }

    static GeminiApi forUrl(String path, String query) {
        Matcher url = URL.matcher(path);
        if (!url.matches()) {
            return notServed(path);
        }
        String model = URLDecoder.decode(url.group(1), StandardCharsets.UTF_8);
        return switch (url.group(2)) {
            case "generateContent" -> new GeminiApi(model, Method.GENERATE, null);
            case "countTokens" -> new GeminiApi(model, Method.COUNT_TOKENS, null);
            case "streamGenerateContent" -> "sse".equals(QueryParameters.first(query, "alt"))
                    ? new GeminiApi(model, Method.STREAM, null)
                    // Without alt=sse Google streams one JSON array; every Google SDK asks for SSE, so only that is served.
                    : new GeminiApi(model, Method.STREAM, GeminiRequests.invalid("alt",
                            "streamGenerateContent is served as server-sent events only: add '?alt=sse' to the URL"));
            default -> notServed(path);
        };
    }

    private static GeminiApi notServed(String path) {
        return new GeminiApi(null, null, new ApiError(404, "not_found_error", "not_found", null, "'" + path
                + "' is not served: the gateway answers POST /v1beta/models/{model}:generateContent (or /v1/models/…), "
                + ":streamGenerateContent?alt=sse and :countTokens", null));
    }

    /** Whether the request asks for a token count rather than an answer. */
    public static boolean countsTokens(Exchange exchange) {
        return WireApi.of(exchange) instanceof GeminiApi gemini && gemini.method == Method.COUNT_TOKENS;
    }

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public ChatRequest parse(byte[] body, long maxBodyBytes, String defaultModel) throws ApiError {
        if (problem != null) {
            throw problem;
        }
        JsonNode in = ParseChatRequest.readObject(body, maxBodyBytes, "a JSON Gemini API request");
        // countTokens takes either {"contents": …} or a whole {"generateContentRequest": …}.
        if (method == Method.COUNT_TOKENS && in.path("generateContentRequest").isObject()) {
            in = in.get("generateContentRequest");
        }
        return ParseChatRequest.bind(GeminiRequests.canonical(in, model, method == Method.STREAM));
    }

    @Override
    public String reply(ChatRequest request, ChatResponse response, Usage usage) {
        ArrayNode parts = JSON.arrayNode();
        String finish = null;
        if (response.choices() != null && !response.choices().isEmpty()) {
            ChatResponse.Choice choice = response.choices().get(0);
            finish = choice.finishReason();
            ChatMessage answer = choice.message();
            if (answer != null) {
                if (!answer.text().isEmpty()) {
                    parts.add(JSON.objectNode().put("text", answer.text()));
                }
                if (answer.toolCalls() != null) {
                    answer.toolCalls().forEach(call -> parts.add(functionCall(call.id(), call.function())));
                }
            }
        }
        return WireJson.write(chunk(parts, finishReason(finish), usage,
                response.model() == null ? request.model() : response.model(), responseId(response.id())));
    }

    /** A GenerateContentResponse: one candidate with {@code parts}, and the finish reason and usage when known. */
    static ObjectNode chunk(ArrayNode parts, String finishReason, Usage usage, String model, String responseId) {
        ObjectNode candidate = JSON.objectNode();
        candidate.putObject("content").put("role", "model").set("parts", parts);
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        ObjectNode response = JSON.objectNode();
        response.putArray("candidates").add(candidate);
        if (usage != null) {
            response.set("usageMetadata", usageMetadata(usage));
        }
        response.put("modelVersion", model);
        response.put("responseId", responseId);
        return response;
    }

    static ObjectNode functionCall(String id, ToolCall.FunctionCall function) {
        ObjectNode call = JSON.objectNode();
        if (id != null) {
            call.put("id", id);
        }
        call.put("name", function.name()).set("args", AnthropicMessagesApi.toolInput(function.arguments()));
        return JSON.objectNode().set("functionCall", call);
    }

    /** OpenAI's finish_reason as Gemini's (a tool call ends with STOP there too). */
    static String finishReason(String finishReason) {
        return switch (finishReason == null ? "stop" : finishReason) {
            case "length" -> "MAX_TOKENS";
            case "content_filter" -> "SAFETY";
            default -> "STOP";
        };
    }

    /**
     * Usage as usageMetadata: reasoning tokens, which OpenAI counts among the completion tokens, are
     * Gemini's {@code thoughtsTokenCount}, outside {@code candidatesTokenCount}; cached prompt tokens
     * are {@code cachedContentTokenCount}.
     */
    static ObjectNode usageMetadata(Usage usage) {
        long thoughts = detail(usage, "completion_tokens_details", "reasoning_tokens");
        long cached = detail(usage, "prompt_tokens_details", "cached_tokens");
        ObjectNode metadata = JSON.objectNode();
        metadata.put("promptTokenCount", usage.promptTokens());
        metadata.put("candidatesTokenCount", usage.completionTokens() - thoughts);
        metadata.put("totalTokenCount", usage.promptTokens() + usage.completionTokens());
        if (thoughts > 0) {
            metadata.put("thoughtsTokenCount", thoughts);
        }
        if (cached > 0) {
            metadata.put("cachedContentTokenCount", cached);
        }
        return metadata;
    }

    private static long detail(Usage usage, String group, String field) {
        return usage.extra().get(group) instanceof Map<?, ?> details && details.get(field) instanceof Number n ? n.longValue() : 0;
    }

    static String responseId(String upstreamId) {
        return upstreamId != null ? upstreamId : UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public StreamWriter streamWriter(SseStream client, ChatRequest request) {
        return new GeminiStreamWriter(client, request);
    }

    @Override
    public String tokenCount(long inputTokens) {
        return WireJson.write(Map.of("totalTokens", inputTokens));
    }

    @Override
    public String error(ApiError error) {
        return WireJson.write(errorBody(error.status(), error.getMessage()));
    }

    /** Google's error shape (https://ai.google.dev/gemini-api/docs/troubleshooting): the HTTP code, a message and its gRPC status. */
    static ObjectNode errorBody(int code, String message) {
        return JSON.objectNode().set("error", JSON.objectNode().put("code", code).put("message", message)
                .put("status", status(code)));
    }

    static String status(int code) {
        return switch (code) {
            case 400, 413, 415 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 402 -> "FAILED_PRECONDITION";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> "INTERNAL";
        };
    }
}

package dev.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.engine.TestGateway.Model;
import dev.tollgate.engine.http.WireJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1beta/models/{model}:generateContent}, {@code :streamGenerateContent?alt=sse} and
 * {@code :countTokens}: what Gemini CLI sends is translated to the upstream's Chat Completions and
 * back, with the key as Google's SDKs send it and errors in Google's shape.
 */
class GeminiIngressTest {
    private static final Model MODEL = Model.free("groq/llama", 0.8).withVision();
    // packages/core/src/core/contentGenerator.ts: the User-Agent, and the key as x-goog-api-key (the SDK's default).
    private static final String GEMINI_CLI = "GeminiCLI/0.21.0/gemini-2.5-pro (linux; x64; terminal)";
    private static final String WEATHER_TOOL = """
            {"functionDeclarations": [{"name": "get_weather", "description": "Current weather of a city",
              "parameters": {"type": "OBJECT", "properties": {"city": {"type": "STRING"}, "unit": {"type": "STRING",
                "enum": ["C", "F"], "nullable": true}}, "required": ["city"], "propertyOrdering": ["city", "unit"]}}]},
             {"googleSearch": {}}""";

    private final TestGateway gateway = new TestGateway().model(MODEL).gatewayKey("laptop", "profile: FREE");
    private String key;

    @BeforeEach
    void start() throws Exception {
        gateway.start();
        key = TestGateway.gatewayKeyValue("laptop");
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return gateway.post(path, body, Map.of("x-goog-api-key", key, "User-Agent", GEMINI_CLI));
    }

    @Test
    void translatesAGeminiCliTurnWithFunctionResponsesAndImagesAndAnswersInGeminisShape() throws Exception {
        gateway.upstreams().answers(MODEL, "Sunny, 24 degrees.", 60, 7);

        HttpResponse<String> response = post("/v1beta/models/auto:generateContent", """
                {"systemInstruction": {"role": "user", "parts": [{"text": "You are an interactive CLI agent."}]},
                 "contents": [
                   {"role": "user", "parts": [{"text": "Weather in Lisbon? Here is the sky:"},
                      {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}}]},
                   {"role": "model", "parts": [{"text": "Checking.", "thoughtSignature": "CiQB0e2Kb"},
                      {"functionCall": {"name": "get_weather", "args": {"city": "Lisbon"}}}]},
                   {"role": "user", "parts": [{"functionResponse": {"name": "get_weather", "response": {"output": "24C, clear"}}}]}],
                 "tools": [%s],
                 "toolConfig": {"functionCallingConfig": {"mode": "AUTO"}},
                 "generationConfig": {"temperature": 0.2, "topP": 0.9, "topK": 40, "maxOutputTokens": 2048,
                   "stopSequences": ["END"], "thinkingConfig": {"includeThoughts": true, "thinkingBudget": 1024}}}"""
                .formatted(WEATHER_TOOL));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-tollgate-model")).hasValue("groq/llama");
        JsonNode answer = WireJson.MAPPER.readTree(response.body());
        JsonNode candidate = answer.path("candidates").get(0);
        assertThat(candidate.path("content").path("role").asText()).isEqualTo("model");
        assertThat(candidate.path("content").path("parts").get(0).path("text").asText()).isEqualTo("Sunny, 24 degrees.");
        assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");
        assertThat(answer.path("usageMetadata").path("promptTokenCount").asLong()).isEqualTo(60);
        assertThat(answer.path("usageMetadata").path("candidatesTokenCount").asLong()).isEqualTo(7);
        assertThat(answer.path("usageMetadata").path("totalTokenCount").asLong()).isEqualTo(67);
        assertThat(answer.path("modelVersion").asText()).isEqualTo("llama-upstream");

        JsonNode sent = WireJson.MAPPER.readTree(gateway.upstreams().bodies(MODEL).get(0));
        JsonNode messages = sent.path("messages");
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText()).isEqualTo("You are an interactive CLI agent.");
        assertThat(messages.get(1).path("content").get(1).path("image_url").path("url").asText())
                .isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        JsonNode call = messages.get(2).path("tool_calls").get(0);
        assertThat(messages.get(2).path("content").asText()).isEqualTo("Checking.");
        assertThat(call.path("function").path("arguments").asText()).isEqualTo("{\"city\":\"Lisbon\"}");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo(call.path("id").asText());
        assertThat(messages.get(3).path("content").asText()).isEqualTo("24C, clear");
        assertThat(messages).hasSize(4);
        JsonNode parameters = sent.path("tools").get(0).path("function").path("parameters");
        assertThat(sent.path("tools")).hasSize(1);
        assertThat(parameters.path("type").asText()).isEqualTo("object");
        assertThat(parameters.path("properties").path("city").path("type").asText()).isEqualTo("string");
        assertThat(parameters.path("properties").path("unit").path("type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(parameters.has("propertyOrdering")).isFalse();
        assertThat(sent.path("tool_choice").asText()).isEqualTo("auto");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(2048);
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(sent.path("stop").get(0).asText()).isEqualTo("END");
        assertThat(sent.has("top_k") || sent.has("topK") || sent.has("thinkingConfig") || sent.has("contents")).isFalse();

        Map<String, Object> row = gateway.ledger(1).get(0);
        assertThat(row.get("coder")).isEqualTo("gemini-cli");
    }

    @Test
    void streamsAFunctionCallAsGoogleDoesWithItsArgumentsWhole() throws Exception {
        gateway.upstreams().streamsToolCall(MODEL, "Let me check.", "get_weather", List.of("{\"ci", "ty\": \"Lis", "bon\"}"),
                31, 12);

        HttpResponse<String> response = post("/v1beta/models/auto:streamGenerateContent?alt=sse", """
                {"contents": [{"role": "user", "parts": [{"text": "What is the weather in Lisbon?"}]}],
                 "tools": [%s]}""".formatted(WEATHER_TOOL));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(response.body()).doesNotContain("[DONE]").doesNotContain("event: ");
        List<JsonNode> events = new ArrayList<>();
        for (String line : response.body().lines().filter(l -> l.startsWith("data: ")).toList()) {
            events.add(WireJson.MAPPER.readTree(line.substring(6)));
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events.get(0).path("candidates").get(0).path("content").path("parts").get(0).path("text").asText())
                .isEqualTo("Let me check.");
        JsonNode last = events.get(events.size() - 1);
        JsonNode lastCandidate = last.path("candidates").get(0);
        JsonNode functionCall = lastCandidate.path("content").path("parts").get(0).path("functionCall");
        assertThat(functionCall.path("name").asText()).isEqualTo("get_weather");
        assertThat(functionCall.path("id").asText()).isEqualTo("call_Xk29");
        assertThat(functionCall.path("args")).isEqualTo(WireJson.MAPPER.readTree("{\"city\": \"Lisbon\"}"));
        assertThat(lastCandidate.path("finishReason").asText()).isEqualTo("STOP");
        assertThat(last.path("usageMetadata").path("promptTokenCount").asLong()).isEqualTo(31);
        assertThat(last.path("usageMetadata").path("candidatesTokenCount").asLong()).isEqualTo(12);
        for (JsonNode event : events.subList(0, events.size() - 1)) {
            assertThat(event.path("candidates").get(0).has("finishReason")).as("only the last event finishes").isFalse();
        }
        assertThat(WireJson.MAPPER.readTree(gateway.upstreams().bodies(MODEL).get(0)).path("stream").asBoolean()).isTrue();
    }

    @Test
    void countsTokensWithoutCallingAnUpstream() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-pro:countTokens", """
                {"contents": [{"role": "user", "parts": [{"text": "How many tokens is this sentence, roughly?"}]}]}""");
        HttpResponse<String> wrapped = gateway.post("/v1beta/models/auto:countTokens?key=" + key, """
                {"generateContentRequest": {"model": "models/auto",
                  "contents": [{"role": "user", "parts": [{"text": "How many tokens is this sentence, roughly?"}]}]}}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        long tokens = WireJson.MAPPER.readTree(response.body()).path("totalTokens").asLong();
        assertThat(tokens).isPositive();
        assertThat(wrapped.statusCode()).as(wrapped.body()).isEqualTo(200);
        assertThat(WireJson.MAPPER.readTree(wrapped.body()).path("totalTokens").asLong()).isEqualTo(tokens);
        assertThat(gateway.upstreams().calls(MODEL)).isZero();
    }

    @Test
    void servesTheV1PathsTooBesideTheModelList() throws Exception {
        gateway.upstreams().answers(MODEL, "Hi.", 5, 1);

        HttpResponse<String> generated = post("/v1/models/auto:generateContent", """
                {"contents": [{"role": "user", "parts": [{"text": "Hello"}]}]}""");
        HttpResponse<String> models = gateway.get("/v1/models");

        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
        assertThat(WireJson.MAPPER.readTree(generated.body()).path("candidates").get(0).path("content").path("parts")
                .get(0).path("text").asText()).isEqualTo("Hi.");
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.body()).contains("groq/llama");
    }

    @Test
    void takesTheKeyFromTheQueryAndRefusesAWrongOneInGeminisShape() throws Exception {
        gateway.upstreams().answers(MODEL, "Hi.", 5, 1);
        String body = """
                {"contents": [{"parts": [{"text": "Hello"}]}]}""";

        HttpResponse<String> byQuery = gateway.post("/v1beta/models/auto:generateContent?key=" + key, body);
        HttpResponse<String> wrong = gateway.post("/v1beta/models/auto:generateContent", body,
                Map.of("x-goog-api-key", "not-the-key"));
        HttpResponse<String> none = gateway.post("/v1beta/models/auto:generateContent", body);

        assertThat(byQuery.statusCode()).as(byQuery.body()).isEqualTo(200);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(error(wrong).path("status").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(wrong.body()).doesNotContain("not-the-key");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(error(none).path("message").asText()).contains("x-goog-api-key");
    }

    @Test
    void answersBadRequestsInGeminisErrorShape() throws Exception {
        HttpResponse<String> malformed = post("/v1beta/models/auto:generateContent", "{\"contents\": [");
        HttpResponse<String> unknownModel = post("/v1beta/models/gemini-9-ultra:generateContent", """
                {"contents": [{"role": "user", "parts": [{"text": "Hello"}]}]}""");
        HttpResponse<String> noContents = post("/v1beta/models/auto:generateContent", "{\"contents\": []}");
        HttpResponse<String> unknownMethod = post("/v1beta/models/auto:embedContent", "{}");
        HttpResponse<String> notSse = post("/v1beta/models/auto:streamGenerateContent", """
                {"contents": [{"role": "user", "parts": [{"text": "Hello"}]}]}""");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(error(malformed).path("code").asInt()).isEqualTo(400);
        assertThat(error(malformed).path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error(malformed).path("message").asText()).contains("not valid JSON");
        assertThat(unknownModel.statusCode()).isEqualTo(404);
        assertThat(error(unknownModel).path("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(error(unknownModel).path("message").asText()).contains("gemini-9-ultra");
        assertThat(noContents.statusCode()).isEqualTo(400);
        assertThat(error(noContents).path("message").asText()).contains("'contents' is required");
        assertThat(unknownMethod.statusCode()).isEqualTo(404);
        assertThat(error(unknownMethod).path("message").asText()).contains(":generateContent");
        assertThat(notSse.statusCode()).isEqualTo(400);
        assertThat(error(notSse).path("message").asText()).contains("alt=sse");
        assertThat(gateway.upstreams().calls(MODEL)).isZero();
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        JsonNode error = WireJson.MAPPER.readTree(response.body()).path("error");
        assertThat(error.isObject()).as(response.body()).isTrue();
        assertThat(error.size()).as("Google's error has code, message and status").isEqualTo(3);
        return error;
    }
}

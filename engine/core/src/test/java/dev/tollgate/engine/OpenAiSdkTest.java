package dev.tollgate.engine;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The official OpenAI Java SDK, pointed at the gateway, works unchanged. */
class OpenAiSdkTest {
    private static final Model MODEL = Model.free("groq/llama", 0.8);

    private final TestGateway gateway = new TestGateway().model(MODEL);
    private OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        gateway.start();
        client = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUri() + "/v1").apiKey("tollgate-local").build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        gateway.close();
    }

    private static ChatCompletionCreateParams params() {
        return ChatCompletionCreateParams.builder().model("auto").addUserMessage("Write a haiku about tolls.").build();
    }

    @Test
    void getsACompletion() {
        gateway.upstreams().answers(MODEL, "Tolls at the gate hum", 12, 6);

        ChatCompletion completion = client.chat().completions().create(params());

        assertThat(completion.choices().get(0).message().content()).hasValue("Tolls at the gate hum");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(18);
    }

    @Test
    void getsAStream() {
        gateway.upstreams().streams(MODEL, List.of("Tolls ", "at ", "the gate"), 12, 3, 0);

        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }

        assertThat(text).hasToString("Tolls at the gate");
    }
}

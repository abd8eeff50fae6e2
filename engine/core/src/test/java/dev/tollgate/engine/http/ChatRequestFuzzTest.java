package dev.tollgate.engine.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tollgate.engine.policy.TokenEstimate;
import dev.tollgate.spi.ChatRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes a client sends: parsed into a request the rest of the gateway can use, or refused with a
 * 4xx in the OpenAI error shape; never another exception. Seeds in ChatRequestFuzzTestInputs run with
 * every build; {@code JAZZER_FUZZ=1 ./mvnw -pl engine/core -am verify -Dtest=ChatRequestFuzzTest} fuzzes.
 */
class ChatRequestFuzzTest {
    private static final long LIMIT = 64 * 1024;

    @FuzzTest(maxDuration = "30s")
    void parsesOrRefusesClearly(byte[] body) throws Exception {
        ChatRequest request;
        try {
            request = ParseChatRequest.parse(body, LIMIT, "auto");
        } catch (ApiError refused) {
            assertThat(refused.status()).isIn(400, 413);
            assertThat(refused.getMessage()).isNotBlank();
            assertThat(refused.toJson()).contains("\"error\"");
            return;
        }
        assertThat(request.model()).isNotNull();
        assertThat(request.messages()).isNotEmpty();
        // What the later steps do with a parsed request must not fail on it either.
        assertThat(TokenEstimate.of(request)).isNotNegative();
        assertThat(WireJson.MAPPER.writeValueAsBytes(request)).isNotEmpty();
    }
}

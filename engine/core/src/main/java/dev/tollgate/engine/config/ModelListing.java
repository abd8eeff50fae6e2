package dev.tollgate.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A provider's models listing ({@code GET <base>/models}, {@code {"data": [...]}}) read into catalog
 * facts. OpenAI-style listings give only ids; OpenRouter's
 * (https://openrouter.ai/docs/api-reference/list-available-models) also gives the context length,
 * the price per token ({@code pricing.prompt}, {@code pricing.completion}, as decimal strings), the
 * input modalities and the supported parameters, and marks free variants with {@code :free}.
 */
public final class ModelListing {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /**
     * One listed model.
     *
     * @param id            the provider's id
     * @param contextWindow tokens it reads, or 0 when the listing does not say
     * @param inputPrice    USD per million input tokens, or {@code null} when the listing does not say
     * @param outputPrice   USD per million output tokens, or {@code null}
     * @param vision        whether it takes images
     * @param tools         whether it calls tools, or {@code null} when the listing does not say
     */
    public record Listed(String id, int contextWindow, BigDecimal inputPrice, BigDecimal outputPrice, boolean vision,
                         Boolean tools) {

        /** Free: a {@code :free} variant, or both prices zero. */
        public boolean free() {
            return id.endsWith(":free") || (inputPrice != null && outputPrice != null
                    && inputPrice.signum() == 0 && outputPrice.signum() == 0);
        }
    }

    private ModelListing() {
    }

    /** @throws IllegalArgumentException naming what is wrong when {@code json} is not a models listing */
    public static List<Listed> parse(String json) {
        JsonNode data;
        try {
            data = JSON.readTree(json).path("data");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (!data.isArray()) {
            throw new IllegalArgumentException("not a models listing: no \"data\" array");
        }
        List<Listed> models = new ArrayList<>();
        for (JsonNode model : data) {
            String id = model.path("id").asText("");
            if (id.isEmpty()) {
                continue;
            }
            JsonNode modalities = model.path("architecture").path("input_modalities");
            boolean vision = modalities.isArray() && modalities.toString().toLowerCase(Locale.ROOT).contains("\"image\"");
            JsonNode parameters = model.path("supported_parameters");
            Boolean tools = parameters.isArray() ? parameters.toString().contains("\"tools\"") : null;
            models.add(new Listed(id, model.path("context_length").asInt(0), perMillion(model.path("pricing").path("prompt")),
                    perMillion(model.path("pricing").path("completion")), vision, tools));
        }
        return models;
    }

    private static BigDecimal perMillion(JsonNode perToken) {
        if (perToken.isMissingNode() || perToken.isNull()) {
            return null;
        }
        try {
            BigDecimal price = new BigDecimal(perToken.asText()).multiply(MILLION).setScale(4, RoundingMode.HALF_UP)
                    .stripTrailingZeros();
            // OpenRouter gives -1 for routers whose price is only known per request.
            return price.signum() < 0 ? null : price;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

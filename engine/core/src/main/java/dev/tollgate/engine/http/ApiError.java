package dev.tollgate.engine.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the gateway answers with, in the OpenAI error shape
 * ({@code {"error": {"message", "type", "param", "code"}}}).
 */
public final class ApiError extends Exception {
    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final Duration retryAfter;

    public ApiError(int status, String type, String code, String param, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.retryAfter = retryAfter;
    }

    public static ApiError invalidRequest(String code, String param, String message) {
        return new ApiError(400, "invalid_request_error", code, param, message, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public String toJson() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return WireJson.write(Map.of("error", error));
    }
}

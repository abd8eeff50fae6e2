package dev.tollgate.spi;

/**
 * A provider key. Its {@link #toString()} never shows the value, so that a key cannot leak into a
 * log line or an error message by accident; call {@link #reveal()} only to put it on the wire.
 */
public final class ApiKey {
    private final String value;

    public ApiKey(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an API key must not be blank");
        }
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }
}

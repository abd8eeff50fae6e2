package dev.tollgate.spi;

/** An upstream call failed; {@link #failure()} says how. */
public class ProviderException extends Exception {
    private final ProviderFailure failure;

    public ProviderException(ProviderFailure failure) {
        this(failure, null);
    }

    public ProviderException(ProviderFailure failure, Throwable cause) {
        super(failure.kind() + (failure.httpStatus() > 0 ? " (HTTP " + failure.httpStatus() + ")" : "")
                + ": " + failure.message(), cause);
        this.failure = failure;
    }

    public ProviderFailure failure() {
        return failure;
    }
}

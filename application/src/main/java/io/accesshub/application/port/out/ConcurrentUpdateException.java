package io.accesshub.application.port.out;

/**
 * A port refused an update because the stored version differs from the one the change was based on (someone
 * else saved first, or the row is gone); reload and decide again.
 */
public final class ConcurrentUpdateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConcurrentUpdateException(String message) {
        super(message);
    }

    public ConcurrentUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}

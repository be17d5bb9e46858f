package io.accesshub.domain.shared;

import java.util.Objects;

/**
 * A broken domain rule: unchecked, carrying a stable {@link ErrorCode}.
 *
 * <p>Messages name identifiers and states, never token values.
 */
public final class DomainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    public DomainException(ErrorCode errorCode, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    /** The stable code of the broken rule. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** Throws {@link ErrorCode#INVALID_VALUE} with the message unless the condition holds. */
    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new DomainException(ErrorCode.INVALID_VALUE, message);
        }
    }
}

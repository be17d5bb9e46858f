package io.accesshub.domain.shared;

/** Stable, machine-readable codes of broken domain rules; adapters map them to responses and must never rename them. */
public enum ErrorCode {
    /** A value object was built from a malformed value. */
    INVALID_VALUE("invalid_value"),
    /** A lifecycle transition was requested that the installation's current state does not allow. */
    ILLEGAL_TRANSITION("installation.illegal_transition"),
    /** A lifecycle change was stamped earlier than the installation's last lifecycle change. */
    STALE_LIFECYCLE_EVENT("installation.stale_lifecycle_event"),
    /** A company-only operation was applied to a location installation, or the other way round. */
    WRONG_USER_TYPE("installation.wrong_user_type"),
    /** Two objects that must belong together (a grant and its installation) do not. */
    MISMATCHED_AGGREGATES("mismatched_aggregates"),
    /** A grant operation broke the grant's own rules (for example, a token pair issued in the past of the current one). */
    INVALID_GRANT_CHANGE("grant.invalid_change");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    /** The stable code string, e.g. {@code installation.illegal_transition}. */
    public String code() {
        return code;
    }
}

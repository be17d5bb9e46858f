package io.accesshub.domain.marketplace;

import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;

/** Whom a HighLevel token speaks for: an agency ({@code Company}) or one sub-account ({@code Location}). */
public enum UserType {
    COMPANY("Company"),
    LOCATION("Location");

    private final String highLevelName;

    UserType(String highLevelName) {
        this.highLevelName = highLevelName;
    }

    /** The spelling HighLevel uses ({@code Company} / {@code Location}). */
    public String highLevelName() {
        return highLevelName;
    }

    /** Parses HighLevel's spelling, ignoring case. */
    public static UserType fromHighLevelName(String name) {
        for (UserType type : values()) {
            if (type.highLevelName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new DomainException(ErrorCode.INVALID_VALUE, "unknown user type: " + name);
    }
}

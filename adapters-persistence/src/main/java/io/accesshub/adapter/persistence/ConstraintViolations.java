package io.accesshub.adapter.persistence;

import java.sql.SQLException;

/** Recognises MySQL/MariaDB constraint violations inside the exceptions Micronaut Data throws. */
public final class ConstraintViolations {

    private static final int DUPLICATE_KEY = 1062;
    private static final int MISSING_PARENT_ROW = 1452;

    private ConstraintViolations() {
    }

    /** Whether {@code failure} (or a cause) is a duplicate primary or unique key. */
    public static boolean isDuplicateKey(Throwable failure) {
        return hasErrorCode(failure, DUPLICATE_KEY);
    }

    /** Whether {@code failure} (or a cause) is a foreign key pointing at a missing row. */
    public static boolean isMissingParent(Throwable failure) {
        return hasErrorCode(failure, MISSING_PARENT_ROW);
    }

    private static boolean hasErrorCode(Throwable failure, int code) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == code) {
                return true;
            }
        }
        return false;
    }
}

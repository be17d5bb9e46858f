package io.accesshub.adapter.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Conversion between instants and the UTC {@code DATETIME(6)} columns: stored as UTC wall time, truncated to
 * microseconds, independent of the JVM's and the connection's time zone.
 */
public final class DbTime {

    private DbTime() {
    }

    /** The UTC wall time of {@code instant}, truncated to microseconds. */
    public static LocalDateTime toColumn(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** The instant of a UTC wall time read from a column. */
    public static Instant fromColumn(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}

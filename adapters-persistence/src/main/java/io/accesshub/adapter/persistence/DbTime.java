package io.accesshub.adapter.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * Conversion between instants and the UTC {@code DATETIME(6)} columns, which are written as text literals
 * ({@code 2026-11-22 09:00:00.123456}) and read back as text.
 *
 * <p>Why text: MariaDB before 11 announces itself as {@code 5.5.5-10.x}, so MySQL Connector/J believes the server
 * lacks fractional seconds and silently drops the microseconds of every bound {@code LocalDateTime}/{@code Timestamp}.
 * A literal keeps them on every server, independent of the JVM's and the connection's time zone.
 */
public final class DbTime {

    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private DbTime() {
    }

    /** The UTC wall time of {@code instant} as a column literal, truncated to microseconds; null stays null. */
    public static String toColumn(Instant instant) {
        return instant == null ? null
                : WRITE.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    /** The instant of a UTC wall time read from a column as text; null stays null. */
    public static Instant fromColumn(String value) {
        return value == null ? null : LocalDateTime.parse(value.trim(), READ).toInstant(ZoneOffset.UTC);
    }
}

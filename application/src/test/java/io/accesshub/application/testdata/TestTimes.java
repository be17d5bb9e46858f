package io.accesshub.application.testdata;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Fixed instants for tests, with microsecond precision (what databases keep). */
public final class TestTimes {

    /** The "now" of tests. */
    public static final Instant NOW = Instant.parse("2026-11-22T09:00:00.123456Z");

    private TestTimes() {
    }

    /** A clock fixed at {@link #NOW}. */
    public static Clock fixedClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}

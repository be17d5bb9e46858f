package io.accesshub.adapter.persistence.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.DbTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DbTimeTest {

    @Test
    void anInstantIsWrittenAsItsUtcWallTimeWithMicroseconds() {
        assertThat(DbTime.toColumn(Instant.parse("2026-11-22T09:00:00.123456789Z")))
                .isEqualTo("2026-11-22 09:00:00.123456");
        assertThat(DbTime.toColumn(Instant.parse("2026-11-22T09:00:00Z"))).isEqualTo("2026-11-22 09:00:00.000000");
    }

    @Test
    void everyTextFormOfADatetimeReadsBackAsTheSameInstant() {
        Instant expected = Instant.parse("2026-11-22T09:00:00.000001Z");
        assertThat(DbTime.fromColumn("2026-11-22 09:00:00.000001")).isEqualTo(expected);
        assertThat(DbTime.fromColumn("2026-11-22T09:00:00.000001")).isEqualTo(expected);
        assertThat(DbTime.fromColumn("2026-11-22 09:00:00")).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(DbTime.fromColumn(null)).isNull();
        assertThat(DbTime.toColumn(null)).isNull();
    }
}
